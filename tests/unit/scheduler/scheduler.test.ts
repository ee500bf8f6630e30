import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryOutcome, NewSubscription } from '../../../src/core/index.ts';
import { manualTicker } from '../../../src/scheduler/index.ts';
import { makeChain } from '../../support/posts.ts';
import { recordingPublisher, schedulerFor, TEST_CONFIG, testWorld } from '../../support/scheduler.ts';

type World = ReturnType<typeof testWorld>;
const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) w.db.close();
});

function world(start = '2026-11-22T12:00:00Z'): World {
  const w = testWorld(start);
  worlds.push(w);
  return w;
}

async function subscribe(w: World, chatId: string, tag = 'xinjiang', extra: Partial<NewSubscription> = {}) {
  const added = await w.stores.subscriptions.add(
    { target: { platform: 'telegram', chatId }, tag, schedule: { kind: 'daily', time: '09:00', zone: 'UTC' }, ...extra },
    { maxPerChat: 25 },
  );
  if (!added.ok) throw new Error(added.failure.code);
  return added.value.subscription;
}

/** Threads first seen at the clock's current time. */
async function ingest(w: World, prefix: string, text = '#xinjiang', authorId = 'a1') {
  await w.stores.posts.ingest(makeChain(prefix, 2, authorId, { text: `${prefix} ${text}` }));
}

describe('catch-up and exactly once', () => {
  it('a bot down at 09:00 and back at 11:00 → the 09:00 digest is delivered once; later runs and a restart deliver nothing', async () => {
    const w = world();
    await subscribe(w, '100');
    w.clock.set('2026-11-23T08:00:00Z');
    await ingest(w, 'a');
    const publisher = recordingPublisher('telegram');
    w.clock.set('2026-11-23T11:00:00Z');
    const first = await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    expect(first).toMatchObject({ owed: 1, sent: 1, messages: 1 });
    expect(publisher.captured).toHaveLength(1);
    expect(publisher.captured[0]?.digest.items.map((i) => i.threadId)).toEqual(['x:a1']);
    expect(publisher.captured[0]?.idempotencyKey).toBe('d1-20261123');

    w.clock.set('2026-11-23T11:01:00Z');
    expect(await schedulerFor(w, [publisher]).runOnce(w.clock.now())).toMatchObject({ owed: 0, sent: 0 });
    expect(publisher.captured).toHaveLength(1);
    expect(await w.stores.ledger.get(1, '2026-11-23')).toMatchObject({ state: 'sent', attempts: 1, messages: 1 });
  });

  it('start() → catches up at once, then each tick delivers when a period comes; the next digest holds only what changed since', async () => {
    const w = world();
    await subscribe(w, '100');
    w.clock.set('2026-11-23T08:00:00Z');
    await ingest(w, 'a');
    w.clock.set('2026-11-23T10:00:00Z');
    const publisher = recordingPublisher('telegram');
    const ticker = manualTicker();
    const scheduler = schedulerFor(w, [publisher], { ticker });
    scheduler.start();
    await scheduler.runOnce(w.clock.now());
    expect(publisher.captured).toHaveLength(1);
    w.clock.set('2026-11-23T10:30:00Z');
    await ingest(w, 'b');
    w.clock.set('2026-11-24T08:59:00Z');
    ticker.tick();
    await scheduler.runOnce(w.clock.now());
    expect(publisher.captured).toHaveLength(1);
    w.clock.set('2026-11-24T09:00:00Z');
    ticker.tick();
    await scheduler.runOnce(w.clock.now());
    await scheduler.stop();
    expect(publisher.captured.map((d) => d.digest.items.map((i) => i.threadId))).toEqual([['x:a1'], ['x:b1']]);
    expect(ticker.started).toBe(false);
  });

  it('every quarter hour over both 2026 summer-time changes → one digest a day at 09:00 local in Oslo and New York', async () => {
    const w = world('2026-03-26T00:00:00Z');
    const oslo = await subscribe(w, 'oslo', 'xinjiang', { schedule: { kind: 'daily', time: '09:00', zone: 'Europe/Oslo' } });
    await subscribe(w, 'ny', 'xinjiang', { schedule: { kind: 'daily', time: '09:00', zone: 'America/New_York' } });
    const sentAt: Record<string, string[]> = { oslo: [], ny: [] };
    const publisher = recordingPublisher('telegram', (d) => {
      sentAt[d.target.chatId]?.push(w.clock.now().toISOString());
      return { status: 'sent', messages: 1 };
    });
    const scheduler = schedulerFor(w, [publisher], { config: { ...TEST_CONFIG, sendWhenEmpty: true } });
    const sweep = async (from: string, to: string) => {
      for (let t = Date.parse(from); t < Date.parse(to); t += 15 * 60_000) {
        w.clock.set(new Date(t));
        await scheduler.runOnce(w.clock.now());
      }
    };
    await sweep('2026-03-26T00:00:00Z', '2026-03-31T00:00:00Z');
    // Down from March to October: the first run catches up the last missed day once, then the schedule goes on.
    await sweep('2026-10-23T00:00:00Z', '2026-11-03T00:00:00Z');
    const days = (hours: Record<string, string>) => Object.entries(hours).map(([day, time]) => `2026-${day}T${time}:00.000Z`);
    expect(sentAt['oslo']).toEqual(
      days({ '03-26': '08:00', '03-27': '08:00', '03-28': '08:00', '03-29': '07:00', '03-30': '07:00' }).concat(
        ['2026-10-23T00:00:00.000Z'],
        days({ '10-23': '07:00', '10-24': '07:00', '10-25': '08:00', '10-26': '08:00', '10-27': '08:00', '10-28': '08:00' }),
        days({ '10-29': '08:00', '10-30': '08:00', '10-31': '08:00', '11-01': '08:00', '11-02': '08:00' }),
      ),
    );
    expect(sentAt['ny']).toEqual(
      days({ '03-26': '13:00', '03-27': '13:00', '03-28': '13:00', '03-29': '13:00', '03-30': '13:00' }).concat(
        ['2026-10-23T00:00:00.000Z'],
        days({ '10-23': '13:00', '10-24': '13:00', '10-25': '13:00', '10-26': '13:00', '10-27': '13:00', '10-28': '13:00' }),
        days({ '10-29': '13:00', '10-30': '13:00', '10-31': '13:00', '11-01': '14:00', '11-02': '14:00' }),
      ),
    );
    expect(await w.stores.ledger.get(oslo.id, '2026-10-22')).toMatchObject({ state: 'sent' });
    expect(await w.stores.ledger.get(oslo.id, '2026-10-21')).toBeUndefined();
  }, 120_000);

  it('a sender that died mid-send (its process gone) → the next run takes the row over with the same idempotency key', async () => {
    const w = world();
    await subscribe(w, '100');
    w.clock.set('2026-11-23T09:00:00Z');
    const hanging = recordingPublisher('telegram', () => new Promise<DeliveryOutcome>(() => undefined));
    void schedulerFor(w, [hanging], { owner: 'host:1:dead', config: { ...TEST_CONFIG, sendWhenEmpty: true } }).runOnce(w.clock.now());
    await new Promise((r) => setTimeout(r, 20));
    expect(await w.stores.ledger.get(1, '2026-11-23')).toMatchObject({ state: 'sending', owner: 'host:1:dead' });

    const publisher = recordingPublisher('telegram');
    const aliveScheduler = schedulerFor(w, [publisher], { ownerAlive: () => true, config: { ...TEST_CONFIG, sendWhenEmpty: true } });
    expect(await aliveScheduler.runOnce(w.clock.now())).toMatchObject({ owed: 0 });
    const restarted = schedulerFor(w, [publisher], { ownerAlive: () => false, config: { ...TEST_CONFIG, sendWhenEmpty: true } });
    expect(await restarted.runOnce(w.clock.now())).toMatchObject({ sent: 1 });
    expect(publisher.captured.map((d) => d.idempotencyKey)).toEqual([hanging.captured[0]?.idempotencyKey]);
    expect(await w.stores.ledger.get(1, '2026-11-23')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('--all → each subscription gets its next digest early, once; when that period comes nothing more is sent', async () => {
    const w = world('2026-11-23T10:00:00Z');
    await subscribe(w, '100');
    await ingest(w, 'a');
    const publisher = recordingPublisher('telegram');
    const scheduler = schedulerFor(w, [publisher]);
    w.clock.set('2026-11-23T12:00:00Z');
    expect(await scheduler.runOnce(w.clock.now(), 'all')).toMatchObject({ sent: 1 });
    expect(await scheduler.runOnce(w.clock.now(), 'all')).toMatchObject({ owed: 0 });
    w.clock.set('2026-11-24T09:00:00Z');
    expect(await scheduler.runOnce(w.clock.now(), 'due')).toMatchObject({ owed: 0 });
    expect(publisher.captured.map((d) => d.idempotencyKey)).toEqual(['d1-20261124']);
  });
});

describe('what a digest holds', () => {
  it('a thread under two hashtags one chat follows → it appears in only one of that chat’s digests that day', async () => {
    const w = world();
    await subscribe(w, '100', 'xinjiang');
    await subscribe(w, '100', 'china');
    await subscribe(w, '200', 'china');
    w.clock.set('2026-11-23T08:00:00Z');
    await ingest(w, 'both', '#xinjiang #china');
    await ingest(w, 'cn', '#china', 'a2');
    const publisher = recordingPublisher('telegram');
    w.clock.set('2026-11-23T09:00:00Z');
    await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    const byChat = (chat: string) =>
      publisher.captured.filter((d) => d.target.chatId === chat).map((d) => [d.digest.tag, d.digest.items.map((i) => i.threadId)]);
    expect(byChat('100')).toEqual([
      ['xinjiang', ['x:both1']],
      ['china', ['x:cn1']],
    ]);
    expect(byChat('200')).toEqual([['china', expect.arrayContaining(['x:both1', 'x:cn1'])]]);
  });

  it('nothing new → no message and the period counts as delivered; sendWhenEmpty → the publisher gets the empty digest', async () => {
    const w = world();
    await subscribe(w, '100');
    w.clock.set('2026-11-23T09:00:00Z');
    const quiet = recordingPublisher('telegram');
    expect(await schedulerFor(w, [quiet]).runOnce(w.clock.now())).toMatchObject({ empty: 1, sent: 0 });
    expect(quiet.captured).toHaveLength(0);
    expect(await w.stores.ledger.get(1, '2026-11-23')).toMatchObject({ state: 'sent', messages: 0 });
    w.clock.set('2026-11-24T09:00:00Z');
    const chatty = recordingPublisher('telegram');
    await schedulerFor(w, [chatty], { config: { ...TEST_CONFIG, sendWhenEmpty: true } }).runOnce(w.clock.now());
    expect(chatty.captured).toMatchObject([{ sendWhenEmpty: true, digest: { items: [] } }]);
  });

  it('a language filter and a minimum length → only matching threads', async () => {
    const w = world();
    await subscribe(w, '100', 'xinjiang', { lang: 'fr', minPosts: 3 });
    w.clock.set('2026-11-23T08:00:00Z');
    await w.stores.posts.ingest(makeChain('fr3', 3, 'a1', { text: 'bonjour #xinjiang', lang: 'fr' }));
    await w.stores.posts.ingest(makeChain('fr2', 2, 'a2', { text: 'salut #xinjiang', lang: 'fr' }));
    await w.stores.posts.ingest(makeChain('en3', 3, 'a3', { text: 'hello #xinjiang', lang: 'en' }));
    const publisher = recordingPublisher('telegram');
    w.clock.set('2026-11-23T09:00:00Z');
    await schedulerFor(w, [publisher]).runOnce(w.clock.now());
    expect(publisher.captured[0]?.digest.items.map((i) => i.threadId)).toEqual(['x:fr31']);
  });
});
