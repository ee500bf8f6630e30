import { afterEach, describe, expect, it } from 'vitest';
import { composeDigest, type ClaimInput, type DeliveryTarget } from '../../../src/core/index.ts';
import { createSqliteStores, MIGRATIONS, openDatabase, type Db } from '../../../src/store/index.ts';
import { fixedClock } from '../../support/posts.ts';

const dbs: Db[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
});

function setup() {
  const clock = fixedClock('2026-11-23T09:00:00Z');
  const db = openDatabase(':memory:');
  dbs.push(db);
  return { db, clock, stores: createSqliteStores(db, clock) };
}

const tg = (chatId: string, topicId?: string): DeliveryTarget => ({ platform: 'telegram', chatId, topicId });
const daily = { kind: 'daily', time: '09:00', zone: 'UTC' } as const;

async function add(stores: ReturnType<typeof setup>['stores'], target: DeliveryTarget, tag: string) {
  const added = await stores.subscriptions.add({ target, tag, schedule: daily }, { maxPerChat: 25 });
  if (!added.ok) throw new Error(added.failure.code);
  return added.value.subscription;
}

function claimInput(subscriptionId: number, threadIds: string[] = ['x:1']): ClaimInput {
  const since = new Date('2026-11-22T09:00:00Z');
  const until = new Date('2026-11-23T09:00:00Z');
  return { subscriptionId, period: '2026-11-23', since, until, digest: composeDigest({ tag: 't', threads: [], since, until }), threadIds };
}

describe('SQLite subscriptions and delivery ledger', () => {
  it('migration 002 runs after 001 and records user_version 2', async () => {
    const { db } = setup();
    expect(MIGRATIONS.map((m) => m.name).slice(0, 2)).toEqual(['001-posts-threads-tags', '002-subscriptions-ledger']);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
  });

  it('the cap counts every topic of a chat; the same tag in another topic is another subscription', async () => {
    const { stores } = setup();
    await add(stores, tg('-1'), 'a');
    await add(stores, tg('-1', '7'), 'a');
    const third = await stores.subscriptions.add({ target: tg('-1', '8'), tag: 'b', schedule: daily }, { maxPerChat: 2 });
    expect(third).toEqual({ ok: false, failure: { code: 'subscription.limit', limit: 2 } });
    expect((await stores.subscriptions.find(tg('-1', '7'), 'a'))?.target).toEqual(tg('-1', '7'));
  });

  it('claim is a compare-and-set: a second claim of the same row, or a stale retry, gets nothing', async () => {
    const { stores, clock } = setup();
    const sub = await add(stores, tg('-1'), 'a');
    const lease = new Date(clock.now().getTime() + 60_000);
    const first = await stores.ledger.claim(claimInput(sub.id), 'p1', lease, undefined);
    expect(first).toMatchObject({ state: 'sending', attempts: 1, owner: 'p1', threadIds: ['x:1'] });
    expect(await stores.ledger.claim(claimInput(sub.id), 'p2', lease, undefined)).toBeUndefined();
    const taken = await stores.ledger.claim(claimInput(sub.id), 'p2', lease, first);
    expect(taken).toMatchObject({ attempts: 2, owner: 'p2' });
    expect(await stores.ledger.claim(claimInput(sub.id), 'p3', lease, first)).toBeUndefined();
    expect(await stores.ledger.settle(first ?? taken!, { state: 'sent', messages: 1 }, clock.now())).toBe(false);
    expect(await stores.ledger.settle(taken!, { state: 'sent', messages: 2 }, clock.now())).toBe(true);
    expect(await stores.ledger.get(sub.id, '2026-11-23')).toMatchObject({ state: 'sent', messages: 2, digest: undefined, owner: undefined });
    expect(await stores.ledger.claim(claimInput(sub.id), 'p4', lease, await stores.ledger.get(sub.id, '2026-11-23'))).toBeUndefined();
  });

  it('a late confirmation after the attempt was given up still marks the row sent; a late failure does not overwrite it', async () => {
    const { stores, clock } = setup();
    const sub = await add(stores, tg('-1'), 'a');
    const entry = (await stores.ledger.claim(claimInput(sub.id), 'p1', new Date(clock.now().getTime() + 60_000), undefined))!;
    await stores.ledger.settle(entry, { state: 'failed', error: 'no answer', nextAttemptAt: clock.now() }, clock.now());
    expect(await stores.ledger.settle(entry, { state: 'sent', messages: 1 }, clock.now())).toBe(true);
    expect(await stores.ledger.settle(entry, { state: 'failed', error: 'late', nextAttemptAt: clock.now() }, clock.now())).toBe(false);
    expect((await stores.ledger.get(sub.id, '2026-11-23'))?.state).toBe('sent');
    expect(await stores.ledger.lastSentUntil(sub.id)).toEqual(new Date('2026-11-23T09:00:00Z'));
  });

  it('recentThreadIds → the threads of the chat’s other subscriptions in the window, not its own nor other chats’', async () => {
    const { stores, clock } = setup();
    const a = await add(stores, tg('-1'), 'a');
    const b = await add(stores, tg('-1'), 'b');
    const other = await add(stores, tg('-2'), 'a');
    const lease = new Date(clock.now().getTime() + 60_000);
    await stores.ledger.claim(claimInput(a.id, ['x:1', 'x:2']), 'p', lease, undefined);
    await stores.ledger.claim(claimInput(other.id, ['x:3']), 'p', lease, undefined);
    expect([...(await stores.ledger.recentThreadIds(tg('-1'), new Date(0), b.id))]).toEqual(['x:1', 'x:2']);
    expect([...(await stores.ledger.recentThreadIds(tg('-1'), new Date(0), a.id))]).toEqual([]);
    expect([...(await stores.ledger.recentThreadIds(tg('-1'), new Date(clock.now().getTime() + 1), b.id))]).toEqual([]);
  });

  it('moveChat moves every subscription; one the new chat already has stays and the old one goes', async () => {
    const { stores } = setup();
    await add(stores, tg('-1'), 'a');
    await add(stores, tg('-1'), 'b');
    await add(stores, tg('-100'), 'b');
    expect(await stores.subscriptions.moveChat('telegram', '-1', '-100')).toBe(1);
    expect((await stores.subscriptions.list()).map((s) => `${s.target.chatId}:${s.tag}`).sort()).toEqual(['-100:a', '-100:b']);
  });

  it('removing a subscription removes its ledger rows; followedTags lists active subscriptions’ tags once', async () => {
    const { db, stores, clock } = setup();
    const a = await add(stores, tg('-1'), 'a');
    await add(stores, tg('-2'), 'a');
    const c = await add(stores, tg('-3'), 'c');
    await stores.ledger.claim(claimInput(a.id), 'p', new Date(clock.now().getTime() + 1000), undefined);
    await stores.subscriptions.pause(c.id, 'gone', clock.now());
    expect(await stores.subscriptions.followedTags()).toEqual(['a']);
    await stores.subscriptions.remove(a.id);
    expect(db.prepare('SELECT COUNT(*) AS n FROM delivery_ledger').get()).toEqual({ n: 0 });
  });
});
