import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStores, migrate } from '../../../src/store/index.ts';
import { fixedClock } from '../../support/posts.ts';

// Migration 007 on databases written before it (threads found by author, subscriptions read back with no
// options) is checked from every earlier version in upgrade.test.ts.

describe('subscription options in the store', () => {
  it('every option, an author and a live schedule round-trip; update keeps the clock; followedTags leaves author subscriptions out', async () => {
    const clock = fixedClock('2026-11-23T08:00:00Z');
    const db = new Database(':memory:');
    migrate(db);
    const stores = createSqliteStores(db, clock);
    const target = { platform: 'telegram', chatId: '-100' };
    const added = await stores.subscriptions.add(
      {
        target,
        tag: 'xinjiang',
        schedule: { kind: 'live', perHour: 4, zone: 'Europe/Oslo' },
        langs: ['en', 'fr'],
        minPosts: 3,
        require: ['cotton'],
        exclude: ['football'],
        muted: ['spam'],
      },
      { maxPerChat: 5 },
    );
    expect(added.ok && added.value.subscription).toMatchObject({
      schedule: { kind: 'live', perHour: 4, zone: 'Europe/Oslo' },
      lang: undefined,
      langs: ['en', 'fr'],
      minPosts: 3,
      require: ['cotton'],
      exclude: ['football'],
      muted: ['spam'],
    });
    const author = { key: 'x|42', ref: 'x.com/steppe_notes', name: 'Steppe Notes' };
    await stores.subscriptions.add({ target, tag: '@x|42', author, schedule: { kind: 'cron', expression: '0 9 * * 1', zone: 'UTC' } }, { maxPerChat: 5 });
    clock.set('2026-11-24T08:00:00Z');
    const updated = await stores.subscriptions.update(1, { schedule: { kind: 'daily', time: '07:00', zone: 'UTC' }, lang: 'de', langs: ['de'] });
    expect(updated).toMatchObject({
      schedule: { kind: 'daily', time: '07:00' },
      lang: 'de',
      langs: ['de'],
      minPosts: undefined,
      require: [],
      createdAt: new Date('2026-11-23T08:00:00Z'),
    });
    expect(await stores.subscriptions.update(99, { schedule: { kind: 'daily', time: '07:00', zone: 'UTC' } })).toBeUndefined();
    expect(await stores.subscriptions.find(target, '@x|42')).toMatchObject({ author, schedule: { kind: 'cron', expression: '0 9 * * 1' } });
    expect(await stores.subscriptions.followedTags()).toEqual(['xinjiang']);
    db.close();
  });
});

describe('the ledger: when a chat last saw a thread, and live deliveries in the last hour', () => {
  it('lastShown → the latest sent delivery holding each thread, for this chat and topic only; liveDeliveriesSince counts L periods of the chat', async () => {
    const clock = fixedClock('2026-11-23T08:00:00Z');
    const db = new Database(':memory:');
    migrate(db);
    const stores = createSqliteStores(db, clock);
    const target = { platform: 'telegram', chatId: '-100' };
    const sub = await stores.subscriptions.add({ target, tag: 'a', schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } }, { maxPerChat: 5 });
    const other = await stores.subscriptions.add(
      { target: { ...target, topicId: '7' }, tag: 'a', schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } },
      { maxPerChat: 5 },
    );
    if (!sub.ok || !other.ok) throw new Error('not added');
    const digest = { tag: 'a', title: 't', since: '', until: '', items: [] };
    const send = async (subscriptionId: number, period: string, until: string, threadIds: string[]) => {
      const entry = await stores.ledger.claim(
        { subscriptionId, period, since: new Date(0), until: new Date(until), digest, threadIds },
        'me',
        new Date('2026-12-01T00:00:00Z'),
        undefined,
      );
      if (!entry) throw new Error('no claim');
      await stores.ledger.settle(entry, { state: 'sent', messages: 1 }, clock.now());
    };
    await send(sub.value.subscription.id, '2026-11-21', '2026-11-21T09:00:00Z', ['x:1', 'x:2']);
    await send(sub.value.subscription.id, '2026-11-22', '2026-11-22T09:00:00Z', ['x:2']);
    await send(other.value.subscription.id, '2026-11-22', '2026-11-22T09:00:00Z', ['x:3']);
    const shown = await stores.ledger.lastShown(target, ['x:1', 'x:2', 'x:3', 'x:4'], new Date('2026-11-01T00:00:00Z'));
    expect(Object.fromEntries([...shown].map(([id, at]) => [id, at.toISOString()]))).toEqual({
      'x:1': '2026-11-21T09:00:00.000Z',
      'x:2': '2026-11-22T09:00:00.000Z',
    });
    expect(await stores.ledger.liveDeliveriesSince(target, new Date('2026-11-23T07:00:00Z'))).toBe(0);
    await send(other.value.subscription.id, 'Labc', '2026-11-23T08:00:00Z', ['x:5']);
    expect(await stores.ledger.liveDeliveriesSince(target, new Date('2026-11-23T07:00:00Z'))).toBe(1);
    expect(await stores.ledger.liveDeliveriesSince(target, new Date('2026-11-23T08:30:00Z'))).toBe(0);
    db.close();
  });
});
