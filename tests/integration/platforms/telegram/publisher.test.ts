import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramPublisher, renderTelegramDigest } from '../../../../src/platforms/telegram/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram/server.ts';
import { createRecordingLog, digestOf, HOSTILE_TEXT, summary } from '../../../support/telegram.ts';

let fake: FakeTelegram;
beforeEach(async () => {
  fake = await startFakeTelegram();
});
afterEach(async () => {
  await fake.close();
});

const publisherFor = (log = createRecordingLog(), limits: false | undefined = false) =>
  createTelegramPublisher({ token: fake.token, apiRoot: fake.apiRoot, log, limits, retry: { backoffMs: 20 } });

const delivery = (chatId: string, items = [summary(), summary()], extra: object = {}) => ({
  target: { platform: 'telegram' as const, chatId },
  digest: digestOf(items),
  idempotencyKey: `sub-1:${chatId}:${Math.random()}`,
  ...extra,
});

describe('Telegram digest publisher', () => {
  it('a digest for a forum topic → one HTML message in that topic with link previews off', async () => {
    fake.addChat({ id: -1001, type: 'supergroup', title: 'Forum', is_forum: true });
    const outcome = await publisherFor().publish({ ...delivery('-1001'), target: { platform: 'telegram', chatId: '-1001', topicId: '7' } });
    expect(outcome).toEqual({ status: 'sent', messages: 1 });
    const [message] = fake.messages;
    expect(message?.message_thread_id).toBe(7);
    expect(message?.link_preview_options).toEqual({ is_disabled: true });
    expect(message?.text).toContain('🧵 18 posts');
    expect(message?.text).toContain('Steppe Notes');
  });

  it('hostile thread text in a long digest → several valid messages under 4096, text intact, each thread once', async () => {
    const items = Array.from({ length: 12 }, () => summary({ excerpt: HOSTILE_TEXT.slice(0, 1000), author: { handle: 'a&b', name: '<b>Bold</b>' } }));
    const outcome = await publisherFor().publish(delivery('55', items));
    expect(outcome.status).toBe('sent');
    expect(fake.messages.length).toBeGreaterThan(1);
    expect(fake.calls.filter((c) => c.status !== 200)).toEqual([]);
    for (const m of fake.messages) expect(m.text.length).toBeLessThanOrEqual(4096);
    const all = fake.messages.map((m) => m.text).join('\n');
    expect(all).toContain('<script>alert("x")</script> Tom & Jerry <A2>');
    expect(all).toContain('<b>Bold</b> @a&b');
    for (const item of items) expect(all.split(`${item.link}`).length).toBeLessThanOrEqual(2);
    expect(fake.messages.flatMap((m) => m.html.match(/href="[^"]+"/gu) ?? [])).toHaveLength(12);
  });

  it('an empty digest → nothing sent, unless sendWhenEmpty asks for a short note', async () => {
    const publisher = publisherFor();
    expect(await publisher.publish(delivery('56', []))).toEqual({ status: 'sent', messages: 0 });
    expect(fake.messages).toHaveLength(0);
    expect(await publisher.publish(delivery('56', [], { sendWhenEmpty: true }))).toEqual({ status: 'sent', messages: 1 });
    expect(fake.messages[0]?.text).toContain('Nothing new since');
  });

  it('a 429 with retry_after → waited out and sent once, nothing lost', async () => {
    fake.failNext({ status: 429, retryAfter: 1, method: 'sendMessage' });
    const outcome = await publisherFor().publish(delivery('57'));
    expect(outcome).toEqual({ status: 'sent', messages: 1 });
    expect(fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages).toHaveLength(1);
  });

  it('a 5xx → retried with backoff and delivered; three in a row → failed, to try later', async () => {
    fake.failNext({ status: 502, method: 'sendMessage' });
    expect(await publisherFor().publish(delivery('58'))).toEqual({ status: 'sent', messages: 1 });
    for (let i = 0; i < 4; i++) fake.failNext({ status: 500, method: 'sendMessage' });
    const outcome = await publisherFor().publish(delivery('59'));
    expect(outcome).toMatchObject({ status: 'failed', reason: 'Internal Server Error' });
  });

  it('a user who blocked the bot (403) → gone, not retried', async () => {
    fake.block(60);
    const outcome = await publisherFor().publish(delivery('60'));
    expect(outcome).toEqual({ status: 'gone', reason: 'Forbidden: bot was blocked by the user' });
    expect(fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('a group upgraded to a supergroup → re-sent to migrate_to_chat_id and reported as moved', async () => {
    fake.migrate(-61, -10061);
    const outcome = await publisherFor().publish(delivery('-61'));
    expect(outcome).toEqual({ status: 'sent', messages: 1, movedTo: '-10061' });
    expect(fake.messages.map((m) => m.chat_id)).toEqual([-10061]);
  });

  it('limits switched on in the fake and the publisher → three digests to one chat arrive in order without a 429', async () => {
    fake.setRateLimits({ perChat: { count: 1, windowMs: 300 }, perGroup: { count: 20, windowMs: 60_000 }, global: { count: 30, windowMs: 1000 } });
    const log = createRecordingLog();
    const publisher = createTelegramPublisher({
      token: fake.token,
      apiRoot: fake.apiRoot,
      log,
      limits: { perChat: { count: 1, windowMs: 300 }, perGroup: { count: 20, windowMs: 60_000 }, global: { count: 30, windowMs: 1000 } },
    });
    const digests = [1, 2, 3].map((n) => delivery('-62', [summary({ excerpt: `digest ${n}` })]));
    const outcomes = await Promise.all(digests.map((d) => publisher.publish(d)));
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent', 'sent']);
    expect(fake.messages.map((m) => /digest \d/u.exec(m.text)?.[0])).toEqual(['digest 1', 'digest 2', 'digest 3']);
    expect(fake.calls.filter((c) => c.status === 429)).toEqual([]);
    expect(JSON.stringify(log.entries)).not.toContain(fake.token);
  });

  it('a digest cut short by 5xx after its first part → failed; the retry with the same key sends only the rest', async () => {
    const items = Array.from({ length: 12 }, (_, i) => summary({ excerpt: `part test ${i} ${'words '.repeat(150)}` }));
    const publisher = publisherFor();
    const again = { ...delivery('63', items), idempotencyKey: 'sub-3:2026-11-23' };
    const parts = renderTelegramDigest(again.digest).length;
    expect(parts).toBeGreaterThan(1);
    const first = publisher.publish(again);
    await fake.waitFor(() => fake.messages.length === 1);
    for (let i = 0; i < 4; i++) fake.failNext({ status: 500, method: 'sendMessage' });
    expect((await first).status).toBe('failed');
    expect(await publisher.publish(again)).toEqual({ status: 'sent', messages: parts });
    expect(new Set(fake.messages.map((m) => m.html)).size).toBe(parts);
    expect(fake.messages).toHaveLength(parts);
  });

  it('a group window of 2 per 600 ms in the fake and the publisher → five digests to a group, none refused', async () => {
    const limits = { perChat: { count: 1, windowMs: 100 }, perGroup: { count: 2, windowMs: 600 }, global: { count: 30, windowMs: 1000 } };
    fake.setRateLimits(limits);
    const publisher = createTelegramPublisher({ token: fake.token, apiRoot: fake.apiRoot, log: createRecordingLog(), limits });
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => publisher.publish(delivery('-64', [summary()]))));
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(fake.messages).toHaveLength(5);
    expect(fake.calls.filter((c) => c.status === 429)).toEqual([]);
  });

  it('renderTelegramDigest of an empty digest → the one-line nothing-new note', () => {
    expect(renderTelegramDigest(digestOf([]))).toEqual(['<b>#xinjiang — threads of 2026-11-23</b>\nNothing new since 2026-11-22 12:00 UTC.']);
  });
});
