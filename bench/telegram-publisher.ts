/**
 * How fast the Telegram publisher delivers with Telegram's limits switched on in the fake Bot API
 * (1 msg/s per chat, 20/min per group, 30/s overall), and whether anything is lost or sent twice.
 * Run: npx tsx bench/telegram-publisher.ts [digests=200] [chats=100]
 * Two rounds: a clean one, and one with injected 429s and 5xx in the middle of the run.
 */
import { createTelegramPublisher, renderTelegramDigest } from '../src/platforms/telegram/index.ts';
import type { DeliveryOutcome, Digest, Log, ThreadSummary } from '../src/core/index.ts';
import { startFakeTelegram, TELEGRAM_RATE_LIMITS } from '../tests/fakes/telegram/server.ts';

const digests = Number(process.argv[2] ?? 200);
const chats = Number(process.argv[3] ?? 100);
const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} };

function item(d: number, i: number, long: boolean): ThreadSummary {
  return {
    threadId: `x:${d}-${i}`,
    author: { handle: `author_${i}`, name: `Author & Co ${i}` },
    excerpt: `digest ${d} thread ${i}: <b>not a tag</b> & more. ${long ? 'A long thread text. '.repeat(45) : ''}`.trim(),
    postCount: 3 + i,
    storedCount: 3 + i,
    link: `https://example.com/thread/${d}/${i}`,
    lang: 'en',
    createdAt: '2026-11-23T08:00:00Z',
    hashtags: ['xinjiang'],
    grownBy: 0,
  };
}

function digestFor(d: number): Digest {
  const long = d % 4 === 0; // every fourth digest needs several messages
  const items = Array.from({ length: long ? 10 : 3 }, (_, i) => item(d, i, long));
  return { tag: 'xinjiang', title: `#xinjiang — threads of 2026-11-23`, since: '2026-11-22T12:00:00Z', until: '2026-11-23T12:00:00Z', items };
}

/** Half private chats, half groups (negative ids get Telegram's 20/min group window too). */
const chatId = (d: number): string => {
  const c = d % chats;
  return c % 2 === 0 ? String(1000 + c) : String(-1000 - c);
};

async function round(name: string, inject: boolean): Promise<void> {
  const fake = await startFakeTelegram();
  fake.setRateLimits(TELEGRAM_RATE_LIMITS);
  const publisher = createTelegramPublisher({ token: fake.token, apiRoot: fake.apiRoot, log: quiet, retry: { backoffMs: 200 } });
  const all = Array.from({ length: digests }, (_, d) => ({ d, digest: digestFor(d), chat: chatId(d) }));
  const expected = new Map<string, number>();
  for (const { digest, chat } of all) for (const html of renderTelegramDigest(digest)) expected.set(`${Number(chat)}|${html}`, 0);

  if (inject) {
    for (let k = 0; k < 5; k++) fake.failNext({ status: 429, retryAfter: 1, method: 'sendMessage' });
    for (let k = 0; k < 5; k++) fake.failNext({ status: 502, method: 'sendMessage' });
  }
  const started = performance.now();
  const outcomes: DeliveryOutcome[] = await Promise.all(
    all.map(({ d, digest, chat }) => publisher.publish({ target: { platform: 'telegram', chatId: chat }, digest, idempotencyKey: `bench:${d}` })),
  );
  const seconds = (performance.now() - started) / 1000;

  let duplicated = 0;
  let unexpected = 0;
  for (const m of fake.messages) {
    const key = `${m.chat_id}|${m.html}`;
    const seen = expected.get(key);
    if (seen === undefined) unexpected += 1;
    else {
      if (seen > 0) duplicated += 1;
      expected.set(key, seen + 1);
    }
  }
  const lost = [...expected.values()].filter((n) => n === 0).length;
  const sends = fake.calls.filter((c) => c.method === 'sendMessage');
  const byStatus = (status: number): number => sends.filter((c) => c.status === status).length;
  const statuses = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});
  console.log(
    `${name}: ${digests} digests to ${chats} chats = ${expected.size} messages in ${seconds.toFixed(2)} s → ${(fake.messages.length / seconds).toFixed(1)} msg/s; ` +
      `sent ${fake.messages.length}, lost ${lost}, duplicated ${duplicated}, unexpected ${unexpected}; ` +
      `fake answered 429 ×${byStatus(429)}, 5xx ×${byStatus(502)}; outcomes ${JSON.stringify(statuses)}`,
  );
  await fake.close();
}

await round('limits on, clean', false);
await round('limits on, 5×429 + 5×502 injected', true);
