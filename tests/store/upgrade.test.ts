import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadToJson, type Post, type StoredThread, type ThreadPage } from '../../src/core/index.ts';
import { createSqliteStores, MIGRATIONS, openDatabase, type Db, type SqliteStores } from '../../src/store/index.ts';
import { OLD_CREATOR, OLD_LEASE, readStoreFixture, v3RowsAt, writeDatabaseAt, type StoreFixture, type TableRows } from '../support/old-databases.ts';
import { fixedClock } from '../support/posts.ts';

/**
 * A database left at every earlier schema version, with data in it, opened by today's code: it is
 * upgraded in place and answers what its rows say. Versions 1–5 hold the rows of store-v3.json (the
 * layout of posts and threads did not change before 006; what did is in `v3RowsAt`), version 6 the
 * rows of store-v6.json (the write-once layout, as the store of that version wrote them). Both
 * fixtures also hold what the store of their time answered.
 */
const v3 = readStoreFixture('store-v3.json');
const v6 = readStoreFixture('store-v6.json');

interface OldDatabase {
  readonly version: number;
  readonly fixture: StoreFixture;
  readonly rows: TableRows;
  /** The subscriptions that version held, as `list()` must now read them (their new options at their defaults). */
  readonly subscriptions: readonly object[];
  readonly ledger?: { readonly subscriptionId: number; readonly period: string; readonly entry: object };
}

const V3_SUBSCRIPTION = { id: 1, tag: 'xinjiang', target: { platform: 'telegram', chatId: '42' }, schedule: { kind: 'daily', time: '09:00', zone: 'Europe/Paris' }, lang: undefined, langs: [], minPosts: undefined, require: [], exclude: [], muted: [] };
const V3_PAUSED = {
  id: 2, tag: 'cotton', target: { platform: 'discord', chatId: '-100', topicId: '7' }, schedule: { kind: 'cron', expression: '0 9 * * 1', zone: 'UTC' },
  lang: 'en', langs: ['en'], minPosts: 3, require: [], pausedAt: '2026-11-23T13:30:00.000Z', pausedReason: 'blocked',
};
const V3_LEDGER = { subscriptionId: 1, period: '2026-11-23T08:00', entry: { state: 'sending', attempts: 1, threadIds: ['x:a1'], owner: 'me' } };
const V6_SUBSCRIPTIONS = (v6.answers['subscriptions'] as object[]).map((s) => ({ ...s, require: [], exclude: [], muted: [] }));

const OLD_DATABASES: OldDatabase[] = [
  { version: 1, fixture: v3, rows: v3RowsAt(v3.rows, 1), subscriptions: [] },
  ...[2, 3, 4, 5].map((version) => ({ version, fixture: v3, rows: v3RowsAt(v3.rows, version), subscriptions: [V3_SUBSCRIPTION, V3_PAUSED], ledger: V3_LEDGER })),
  { version: 6, fixture: v6, rows: v6.rows, subscriptions: [{ ...V6_SUBSCRIPTIONS[0], langs: ['fr'] }, { ...V6_SUBSCRIPTIONS[1], langs: [] }], ledger: { subscriptionId: 1, period: '2026-11-23', entry: v6.answers['ledger'] as object } },
];

let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Writes the old database to a file, then opens it the way `spool` does (openDatabase migrates). */
function openOld(old: OldDatabase, now: string): SqliteStores {
  dir = mkdtempSync(join(tmpdir(), `spool-upgrade-v${old.version}-`));
  const path = join(dir, 'spool.db');
  writeDatabaseAt(path, old.version, old.rows);
  db = openDatabase(path);
  return createSqliteStores(db, fixedClock(now));
}

/** What a reader sees of a thread: the contract's JSON and the store's two dates. */
const seen = (t: StoredThread | undefined) => t && { ...threadToJson(t), firstSeenAt: t.firstSeenAt, grownAt: t.grownAt };
const page = (p: ThreadPage) => ({ ids: p.threads.map((t) => t.id), total: p.total, more: p.nextCursor !== null });
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe.each(OLD_DATABASES)('SQLite store: a database left at version $version, with data', (old) => {
  const { answers } = old.fixture;

  it('opened by today\'s code → migrated to the latest version; threads, pages, search, tags and digests answer as before', async () => {
    const s = openOld(old, '2026-11-23T14:00:00Z');
    expect(db?.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    for (const [id, thread] of Object.entries(answers.threads)) expect(seen(await s.threads.getThread(id)), id).toEqual(seen(thread));
    for (const [tag, expected] of Object.entries(answers.recent)) expect(page(await s.threads.threadsByTag({ tag, sort: 'recent', limit: 10 })), tag).toEqual(page(expected));
    expect(page(await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 10 }))).toEqual(page(answers.best));
    expect(page(await s.threads.threadsByTag({ tag: 'ouïghours', sort: 'recent', limit: 10, lang: 'fr' }))).toEqual(page(answers.lang));
    expect((await s.threads.search({ words: 'ouighours', limit: 10 })).threads.map((t) => t.id)).toEqual(answers.search.ouighours);
    expect((await s.threads.search({ words: 'chaîne coton', limit: 10 })).total).toBe(answers.search.chaine);
    expect((await s.threads.search({ words: 'part', tag: 'xinjiang', limit: 10 })).threads.map((t) => t.id)).toEqual(answers.search.xinjiangTagged);
    expect(await s.tags.relatedTags('china', 10)).toEqual(answers.related);
    for (const [tag, count] of Object.entries(answers.counts)) expect(await s.tags.tagCount(tag), tag).toBe(count);
    expect(await s.tags.closestTags('xinjang', 3)).toEqual(answers.closest);
    const window = { tag: 'xinjiang', since: new Date('2026-11-23T07:00:00Z'), until: new Date('2026-11-23T14:00:00Z'), limit: 10 };
    expect((await s.threads.changedThreads(window)).map((t) => t.id)).toEqual(answers.changed);
    // Tag links learnt thread lengths in 003: a digest's minimum length reads them.
    const long = answers.changed.filter((id) => (answers.threads[id]?.storedCount ?? 0) >= 3);
    expect(long.length).toBeGreaterThan(0);
    expect((await s.threads.changedThreads({ ...window, minPosts: 3 })).map((t) => t.id)).toEqual(long);
    expect(await s.stats()).toEqual(answers.stats);
    expect(await s.threads.threadIdOfPost('x:a2')).toBe('x:a1');
  });

  it('threads stored before authors were indexed → found by author, paged and searched by author', async () => {
    const s = openOld(old, '2026-11-23T14:00:00Z');
    expect(await s.authors.findAuthors({ handle: 'h2', source: 'x' }, 5)).toEqual([{ key: 'x|u2', source: 'x', id: 'u2', handle: 'h2', name: 'Deux', threads: 1 }]);
    expect(await s.authors.findAuthors({ handle: 'a@m.example' }, 5)).toMatchObject([{ key: 'mastodon|m1', name: 'Em', threads: 1 }]);
    expect((await s.authors.threadsByAuthor({ authorKey: 'x|u1', sort: 'recent', limit: 5 })).threads.map((t) => t.id)).toEqual(['x:a1']);
    expect((await s.threads.search({ words: 'part', authorKey: 'x|u1', limit: 10 })).threads.map((t) => t.id)).toEqual(['x:a1']);
  });

  it('its subscriptions, delivery ledger, source cursor and service lease → read back with their settings', async () => {
    const s = openOld(old, '2026-11-23T14:00:00Z');
    expect(plain(await s.subscriptions.list())).toMatchObject(plain(old.subscriptions) as object[]);
    if (old.ledger) expect(plain(await s.ledger.get(old.ledger.subscriptionId, old.ledger.period))).toMatchObject(old.ledger.entry);
    expect(await s.cursors.get('x', 'xinjiang')).toBe('1999');
    const lease = await s.leases.holder('service');
    expect(lease && { owner: lease.owner, pid: lease.pid, host: lease.host }).toEqual(old.version >= 4 ? { owner: OLD_LEASE.owner, pid: OLD_LEASE.pid, host: OLD_LEASE.host } : undefined);
    // The creator recorded from 005 on still counts towards the per-person cap.
    const another = { target: { platform: 'telegram', chatId: '43' }, tag: 'china', createdBy: OLD_CREATOR, schedule: { kind: 'daily', time: '08:00', zone: 'UTC' } } as const;
    const added = await s.subscriptions.add(another, { maxPerChat: 5, maxPerUser: 1 });
    expect(added.ok ? 'added' : added.failure.code).toBe(old.version >= 5 ? 'subscription.user-limit' : 'added');
  });

  it('the upgraded store → the same posts again change nothing; a new post grows its thread; the missing middle closes a gap', async () => {
    const s = openOld(old, '2026-11-23T15:00:00Z');
    const posts = old.fixture.posts;
    expect(await s.posts.ingest(posts)).toMatchObject({ posts: 0, unchanged: posts.length, newThreads: 0, grownThreads: 0 });
    const last = posts.find((p) => p.id === 'x:a3') as Post;
    expect(await s.posts.ingest([{ ...last, id: 'x:a4', replyToId: 'x:a3', createdAt: '2026-11-20T12:04:00.000Z', text: 'a4 #xinjiang #new' }])).toMatchObject({ posts: 1, grownThreads: 1, newThreads: 0 });
    const grown = await s.threads.getThread('x:a1');
    expect(grown?.posts.map((p) => p.id)).toEqual(['x:a1', 'x:a2', 'x:a3', 'x:a4']);
    expect(grown?.firstSeenAt).toBe(answers.threads['x:a1']?.firstSeenAt);
    expect(grown?.grownAt).toBe('2026-11-23T15:00:00.000Z');
    expect(await s.tags.tagCount('new')).toBe(1);
    expect(await s.tags.relatedTags('new', 5)).toEqual([{ tag: 'xinjiang', threads: 1 }]);
    expect((await s.threads.search({ words: 'a4', tag: 'new', limit: 5 })).threads.map((t) => t.id)).toEqual(['x:a1']);
    const c3 = posts.find((p) => p.id === 'x:c3') as Post;
    await s.posts.ingest([{ ...c3, id: 'x:c2', replyToId: 'x:c1', declaredThreadLength: undefined, createdAt: '2026-11-21T09:01:00.000Z', text: 'conv two' }]);
    expect((await s.threads.getThread('x:c1'))?.posts.map((p) => p.id)).toEqual(['x:c1', 'x:c2', 'x:c3']);
  });
});
