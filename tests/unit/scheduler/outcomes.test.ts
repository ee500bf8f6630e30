import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryOutcome, NewSubscription } from '../../../src/core/index.ts';
import { makeChain } from '../../support/posts.ts';
import { recordingLog, recordingPublisher, schedulerFor, TEST_CONFIG, testWorld } from '../../support/scheduler.ts';

type World = ReturnType<typeof testWorld>;
const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) w.db.close();
});

/** Chats subscribed at 09:00 UTC the day before, one new thread at 08:00, the clock at 09:00. */
async function world(chats: readonly string[], extra: Partial<NewSubscription> = {}): Promise<World> {
  const w = testWorld('2026-11-22T12:00:00Z');
  worlds.push(w);
  for (const chatId of chats) {
    for (const tag of ['xinjiang', 'china']) {
      const added = await w.stores.subscriptions.add(
        { target: { platform: 'telegram', chatId }, tag, schedule: { kind: 'daily', time: '09:00', zone: 'UTC' }, ...extra },
        { maxPerChat: 25 },
      );
      if (!added.ok) throw new Error(added.failure.code);
    }
  }
  w.clock.set('2026-11-23T08:00:00Z');
  await w.stores.posts.ingest(makeChain('a', 2, 'a1', { text: 'a #xinjiang' }));
  await w.stores.posts.ingest(makeChain('c', 2, 'a2', { text: 'c #china' }));
  w.clock.set('2026-11-23T09:00:00Z');
  return w;
}

const chatOf = async (w: World, id: number) => (await w.stores.subscriptions.list()).find((s) => s.id === id);

describe('delivery outcomes', () => {
  it('gone (bot blocked) → every subscription of that chat is paused with the reason; other chats get theirs', async () => {
    const w = await world(['blocked', 'ok']);
    const publisher = recordingPublisher('telegram', (d): DeliveryOutcome =>
      d.target.chatId === 'blocked' ? { status: 'gone', reason: 'Forbidden: bot was blocked by the user' } : { status: 'sent', messages: 1 },
    );
    const report = await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    expect(report).toMatchObject({ gone: 1, sent: 2 });
    expect(publisher.captured.filter((d) => d.target.chatId === 'blocked')).toHaveLength(1);
    const paused = await w.stores.subscriptions.list({ platform: 'telegram', chatId: 'blocked' });
    expect(paused.map((s) => s.pausedReason)).toEqual(['Forbidden: bot was blocked by the user', 'Forbidden: bot was blocked by the user']);
    expect((await w.stores.subscriptions.list({ platform: 'telegram', chatId: 'ok' })).every((s) => !s.pausedAt)).toBe(true);
    w.clock.set('2026-11-24T09:00:00Z');
    await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    expect(publisher.captured.filter((d) => d.target.chatId === 'blocked')).toHaveLength(1);
  });

  it('sent with movedTo (group became a supergroup) → the chat’s subscriptions move; the rest of today’s go to the new id', async () => {
    const w = await world(['-100']);
    const publisher = recordingPublisher('telegram', (d): DeliveryOutcome =>
      d.target.chatId === '-100' ? { status: 'sent', messages: 1, movedTo: '-1009' } : { status: 'sent', messages: 1 },
    );
    await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    expect(publisher.captured.map((d) => d.target.chatId)).toEqual(['-100', '-1009']);
    expect((await w.stores.subscriptions.list()).map((s) => s.target.chatId)).toEqual(['-1009', '-1009']);
    w.clock.set('2026-11-24T09:00:00Z');
    await schedulerFor(w, [publisher], { config: { ...TEST_CONFIG, sendWhenEmpty: true } }).runOnce(w.clock.now());
    expect(publisher.captured.slice(2).map((d) => d.target.chatId)).toEqual(['-1009', '-1009']);
  });

  it('failed → retried after the backoff (or the platform’s retry-after), then paused after the last attempt', async () => {
    const w = await world(['flaky']);
    const publisher = recordingPublisher('telegram', (): DeliveryOutcome => ({ status: 'failed', reason: '502 Bad Gateway', retryAfterMs: 90_000 }));
    const scheduler = schedulerFor(w, [publisher], { config: { ...TEST_CONFIG, maxAttempts: 3 } });
    await scheduler.runOnce(w.clock.now());
    const sub = 1;
    expect(await w.stores.ledger.get(sub, '2026-11-23')).toMatchObject({ state: 'failed', attempts: 1, lastError: '502 Bad Gateway' });
    expect((await w.stores.ledger.get(sub, '2026-11-23'))?.nextAttemptAt).toEqual(new Date('2026-11-23T09:01:30Z'));
    w.clock.set('2026-11-23T09:01:00Z');
    expect(await scheduler.runOnce(w.clock.now())).toMatchObject({ owed: 0 });
    w.clock.set('2026-11-23T09:01:30Z');
    await scheduler.runOnce(w.clock.now());
    w.clock.set('2026-11-23T09:10:00Z');
    await scheduler.runOnce(w.clock.now());
    expect(await w.stores.ledger.get(sub, '2026-11-23')).toMatchObject({ state: 'abandoned', attempts: 3 });
    expect((await chatOf(w, sub))?.pausedReason).toBe('delivery failed 3 times: 502 Bad Gateway');
    const keys = publisher.captured.filter((d) => d.digest.tag === 'xinjiang').map((d) => d.idempotencyKey);
    expect(keys).toEqual(['d1-20261123', 'd1-20261123', 'd1-20261123']);
  });

  it('a publisher that throws → counted as a failed attempt and logged, the run goes on', async () => {
    const w = await world(['a', 'b']);
    const publisher = recordingPublisher('telegram', (d) => {
      if (d.target.chatId === 'a') throw new Error('renderer bug');
      return { status: 'sent', messages: 1 };
    });
    const log = recordingLog();
    expect(await schedulerFor(w, [publisher], { log }).runOnce(w.clock.now())).toMatchObject({ failed: 2, sent: 2 });
    expect((await w.stores.ledger.get(1, '2026-11-23'))?.lastError).toBe('publisher error: renderer bug');
    expect(log.lines.some((l) => l.level === 'error' && l.msg === 'publisher threw')).toBe(true);
  });

  it('one chat that never answers → every other chat is served meanwhile; past the timeout it counts as failed', async () => {
    const chats = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const w = await world(['slow', ...chats]);
    let release: (o: DeliveryOutcome) => void = () => undefined;
    const publisher = recordingPublisher('telegram', (d) =>
      d.target.chatId === 'slow' && d.digest.tag === 'xinjiang' ? new Promise<DeliveryOutcome>((r) => (release = r)) : { status: 'sent', messages: 1 },
    );
    const run = schedulerFor(w, [publisher], { config: { ...TEST_CONFIG, concurrency: { telegram: 2 }, publishTimeoutMs: 60_000 } }).runOnce(w.clock.now());
    // Telegram's send gate lets a silent chat hold the others up for its hold time (1 s) at most.
    await expect.poll(() => publisher.delivered.length, { timeout: 10_000 }).toBe(24);
    release({ status: 'sent', messages: 1 });
    expect(await run).toMatchObject({ sent: 26 });

    const w2 = await world(['mute']);
    const silent = recordingPublisher('telegram', () => new Promise<DeliveryOutcome>(() => undefined));
    const report = await schedulerFor(w2, [silent], { config: { ...TEST_CONFIG, publishTimeoutMs: 20 } }).runOnce(w2.clock.now());
    expect(report).toMatchObject({ failed: 2 });
    expect((await w2.stores.ledger.get(1, '2026-11-23'))?.lastError).toBe('no answer within 20 ms');
  });

  it('stop() during a send → it waits for the grace time, releases the row, and the next run sends it with the same key', async () => {
    const w = await world(['stuck']);
    const hanging = recordingPublisher('telegram', () => new Promise<DeliveryOutcome>(() => undefined));
    const first = schedulerFor(w, [hanging], { config: { ...TEST_CONFIG, shutdownGraceMs: 20 } });
    const run = first.runOnce(w.clock.now());
    await expect.poll(() => hanging.captured.length, { timeout: 10_000 }).toBe(1);
    await first.stop();
    expect(await w.stores.ledger.get(1, '2026-11-23')).toMatchObject({ state: 'released' });
    const publisher = recordingPublisher('telegram');
    expect(await schedulerFor(w, [publisher]).runOnce(w.clock.now())).toMatchObject({ sent: 2 });
    expect(publisher.captured[0]?.idempotencyKey).toBe(hanging.captured[0]?.idempotencyKey);
    void run;
  });

  it('a subscription on a platform with no publisher → waits, nothing is marked', async () => {
    const w = await world(['tg']);
    const discordOnly = recordingPublisher('discord');
    expect(await schedulerFor(w, [discordOnly]).runOnce(w.clock.now())).toMatchObject({ owed: 0 });
    expect(await w.stores.ledger.get(1, '2026-11-23')).toBeUndefined();
  });
});
