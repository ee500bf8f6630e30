/**
 * Command latency of the Discord bot against the fake Discord: from the moment the fake dispatches
 * INTERACTION_CREATE on the gateway to the moment it receives the interaction callback, over a few
 * hundred `/threads` commands (plus autocomplete and page buttons), on real SQLite with a few
 * thousand threads. Prints figures; asserts nothing. Run: `npx tsx bench/discord-latency.ts [N]`.
 */
import { createDiscordBot } from '../src/platforms/discord/index.ts';
import { CORE_COMMANDS, createCommandRouter, type Log } from '../src/core/index.ts';
import { createSqliteStores, openDatabase } from '../src/store/index.ts';
import { startFakeDiscord, type FakeMessage } from '../tests/fakes/discord/index.ts';
import { fixedClock, makeChain } from '../tests/support/posts.ts';

const N = Number(process.argv[2] ?? 300);
const TAGS = ['xinjiang', 'uyghur', 'kazakhstan', 'cotton', 'ürümqi', '可可托海'];

function percentiles(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): string => (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1);
  console.log(
    `${label.padEnd(34)} n=${String(sorted.length).padStart(4)}  p50 ${at(50).padStart(6)} ms  p90 ${at(90).padStart(6)} ms  p99 ${at(99).padStart(6)} ms  max ${(sorted.at(-1) ?? 0).toFixed(1).padStart(6)} ms`,
  );
}

const quiet: Log = { debug() {}, info() {}, warn() {}, error: (o, m) => console.error(m, o) };

const clock = fixedClock('2026-11-23T12:00:00Z');
const db = openDatabase(':memory:');
const stores = createSqliteStores(db, clock);
let threads = 0;
for (let t = 0; t < 3000; t++) {
  const tag = TAGS[t % TAGS.length] ?? 'xinjiang';
  await stores.posts.ingest(makeChain(`t${t}x`, 1 + (t % 7), `u${t}`, { text: `thread ${t} about #${tag} and the harvest`, lang: 'en' }));
  threads++;
}
const router = createCommandRouter(
  { threads: stores.threads, tags: stores.tags, authors: stores.authors, keys: stores.keys, clock, pageSize: 5 },
  CORE_COMMANDS,
);
const fake = await startFakeDiscord();
const guild = fake.addGuild();
const channel = fake.addChannel({ guild_id: guild });
const bot = createDiscordBot({ token: fake.token, apiUrl: fake.apiUrl, guildId: guild, router, tags: stores.tags, log: quiet });
const startedAt = performance.now();
await bot.start();
console.log(`Discord bot latency against the fake (${threads} threads in SQLite, Node ${process.version})`);
console.log(`start (login → READY → commands registered): ${(performance.now() - startedAt).toFixed(0)} ms`);
const who = { guildId: guild, channelId: channel };

async function measure(run: (i: number) => ReturnType<typeof fake.slash>): Promise<number> {
  const dispatched = performance.now();
  const sent = run(0);
  const callback = await sent.callback;
  if (callback.status >= 300) throw new Error(`callback answered ${callback.status}`);
  return performance.now() - dispatched;
}

// Warm-up: JIT, SQLite statement caches, undici connections.
for (let i = 0; i < 20; i++) await measure(() => fake.slash('threads', { hashtag: TAGS[i % TAGS.length] ?? 'xinjiang' }, who));

const slash: number[] = [];
const originals: FakeMessage[] = [];
for (let i = 0; i < N; i++) {
  slash.push(
    await measure(() => {
      const sent = fake.slash('threads', { hashtag: TAGS[i % TAGS.length] ?? 'xinjiang', sort: i % 2 ? 'best' : 'recent' }, who);
      void sent.callback.then(() => sent.interaction.original && originals.push(sent.interaction.original));
      return sent;
    }),
  );
}
percentiles('/threads (sequential)', slash);

const auto: number[] = [];
for (let i = 0; i < N; i++)
  auto.push(await measure(() => fake.autocomplete('threads', { hashtag: ['x', 'xin', 'k', 'ü', '可', 'c'][i % 6] ?? 'x' }, 'hashtag', who)));
percentiles('autocomplete (sequential)', auto);

const buttons: number[] = [];
for (let i = 0; i < Math.min(N, originals.length); i++) {
  const message = originals[i];
  const next = (message?.components as { components: { custom_id: string; label: string }[] }[] | undefined)?.[0]?.components.find((b) => b.label === 'Next ▶');
  if (!message || !next) continue;
  buttons.push(await measure(() => fake.button(next.custom_id, message, who)));
}
percentiles('Next ▶ button (sequential)', buttons);

const concurrent: number[] = [];
for (let round = 0; round < Math.ceil(N / 10); round++) {
  const batch = await Promise.all(
    Array.from({ length: 10 }, (_, i) => measure(() => fake.slash('threads', { hashtag: TAGS[(round + i) % TAGS.length] ?? 'xinjiang' }, who))),
  );
  concurrent.push(...batch);
}
percentiles('/threads (10 at a time)', concurrent);

const deferred = fake.state.interactions.size && [...fake.state.interactions.values()].filter((i) => i.callbacks[0]?.type === 5).length;
console.log(
  `deferred answers: ${deferred} of ${fake.state.interactions.size}; over the 3 s deadline: ${slash.concat(auto, buttons, concurrent).filter((ms) => ms > 3000).length}`,
);

await bot.stop();
await fake.close();
db.close();
