import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStores, migrate, MIGRATIONS } from '../../src/store/index.ts';
import { fixedClock } from '../support/posts.ts';

const THREAD = {
  id: 'x:1',
  source: 'x',
  url: 'https://x.com/steppe_notes/status/1',
  author: { id: '42', handle: 'Steppe_Notes', name: 'Steppe Notes' },
  postCount: 2,
  storedCount: 2,
  posts: [
    { id: 'x:1', text: 'One #cotton', createdAt: '2026-11-20T10:00:00.000Z', url: 'https://x.com/steppe_notes/status/1', media: 0 },
    { id: 'x:2', text: 'Two', createdAt: '2026-11-20T10:01:00.000Z', url: 'https://x.com/steppe_notes/status/2', media: 0 },
  ],
  hashtags: ['cotton'],
  lang: 'en',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:01:00.000Z',
  score: 1,
  metrics: { likes: 0, reposts: 0, replies: 0 },
};

describe('migration 005 on a database written at 004', () => {
  it('threads stored before it are found by author; subscriptions stored before it read back with no options', async () => {
    const db = new Database(':memory:');
    for (const migration of MIGRATIONS.slice(0, 4)) db.exec(migration.sql);
    db.pragma('user_version = 4');
    db.prepare(`INSERT INTO threads (id, lang, created_at, best_rank, stored_count, first_seen_at, grown_at, body) VALUES ('x:1', 'en', 1, 1, 2, 1, 1, ?)`).run(JSON.stringify(THREAD));
    db.prepare(`INSERT INTO subscriptions (platform, chat_id, topic_id, tag, schedule_kind, schedule, zone, lang, min_posts, created_at) VALUES ('telegram', '-1', '', 'cotton', 'daily', '09:00', 'UTC', 'en', 3, 1)`).run();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const stores = createSqliteStores(db, fixedClock());
    expect(await stores.authors.findAuthors({ handle: 'steppe_notes', source: 'x' }, 5)).toEqual([{ key: 'x|42', source: 'x', id: '42', handle: 'Steppe_Notes', name: 'Steppe Notes', threads: 1 }]);
    expect((await stores.authors.threadsByAuthor({ authorKey: 'x|42', sort: 'recent', limit: 5 })).threads.map((t) => t.id)).toEqual(['x:1']);
    expect(await stores.subscriptions.list()).toMatchObject([{ tag: 'cotton', lang: 'en', langs: ['en'], minPosts: 3, require: [], exclude: [], muted: [], schedule: { kind: 'daily', time: '09:00' } }]);
    db.close();
  });
});

describe('subscription options in the store', () => {
  it('every option, an author and a live schedule round-trip; update keeps the clock; followedTags leaves author subscriptions out', async () => {
    const clock = fixedClock('2026-11-23T08:00:00Z');
    const db = new Database(':memory:');
    migrate(db);
    const stores = createSqliteStores(db, clock);
    const target = { platform: 'telegram', chatId: '-100' };
    const added = await stores.subscriptions.add(
      { target, tag: 'xinjiang', schedule: { kind: 'live', perHour: 4, zone: 'Europe/Oslo' }, langs: ['en', 'fr'], minPosts: 3, require: ['cotton'], exclude: ['football'], muted: ['spam'] },
      { maxPerChat: 5 },
    );
    expect(added.ok && added.value.subscription).toMatchObject({ schedule: { kind: 'live', perHour: 4, zone: 'Europe/Oslo' }, lang: undefined, langs: ['en', 'fr'], minPosts: 3, require: ['cotton'], exclude: ['football'], muted: ['spam'] });
    const author = { key: 'x|42', ref: 'x.com/steppe_notes', name: 'Steppe Notes' };
    await stores.subscriptions.add({ target, tag: '@x|42', author, schedule: { kind: 'cron', expression: '0 9 * * 1', zone: 'UTC' } }, { maxPerChat: 5 });
    clock.set('2026-11-24T08:00:00Z');
    const updated = await stores.subscriptions.update(1, { schedule: { kind: 'daily', time: '07:00', zone: 'UTC' }, lang: 'de', langs: ['de'] });
    expect(updated).toMatchObject({ schedule: { kind: 'daily', time: '07:00' }, lang: 'de', langs: ['de'], minPosts: undefined, require: [], createdAt: new Date('2026-11-23T08:00:00Z') });
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
    const other = await stores.subscriptions.add({ target: { ...target, topicId: '7' }, tag: 'a', schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } }, { maxPerChat: 5 });
    if (!sub.ok || !other.ok) throw new Error('not added');
    const digest = { tag: 'a', title: 't', since: '', until: '', items: [] };
    const send = async (subscriptionId: number, period: string, until: string, threadIds: string[]) => {
      const entry = await stores.ledger.claim({ subscriptionId, period, since: new Date(0), until: new Date(until), digest, threadIds }, 'me', new Date('2026-12-01T00:00:00Z'), undefined);
      if (!entry) throw new Error('no claim');
      await stores.ledger.settle(entry, { state: 'sent', messages: 1 }, clock.now());
    };
    await send(sub.value.subscription.id, '2026-11-21', '2026-11-21T09:00:00Z', ['x:1', 'x:2']);
    await send(sub.value.subscription.id, '2026-11-22', '2026-11-22T09:00:00Z', ['x:2']);
    await send(other.value.subscription.id, '2026-11-22', '2026-11-22T09:00:00Z', ['x:3']);
    const shown = await stores.ledger.lastShown(target, ['x:1', 'x:2', 'x:3', 'x:4'], new Date('2026-11-01T00:00:00Z'));
    expect(Object.fromEntries([...shown].map(([id, at]) => [id, at.toISOString()]))).toEqual({ 'x:1': '2026-11-21T09:00:00.000Z', 'x:2': '2026-11-22T09:00:00.000Z' });
    expect(await stores.ledger.liveDeliveriesSince(target, new Date('2026-11-23T07:00:00Z'))).toBe(0);
    await send(other.value.subscription.id, 'Labc', '2026-11-23T08:00:00Z', ['x:5']);
    expect(await stores.ledger.liveDeliveriesSince(target, new Date('2026-11-23T07:00:00Z'))).toBe(1);
    expect(await stores.ledger.liveDeliveriesSince(target, new Date('2026-11-23T08:30:00Z'))).toBe(0);
    db.close();
  });
});
