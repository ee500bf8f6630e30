import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { threadToJson, type Post, type StoredThread, type ThreadPage } from '../../src/core/index.ts';
import { createSqliteStores, MIGRATIONS, openDatabase, type Db } from '../../src/store/index.ts';
import { fixedClock } from '../support/posts.ts';

/**
 * tests/fixtures/store-v3.json holds a database as the store wrote it at migration 003 (every table's
 * rows: a merged thread, a conversation with a missing middle, replies, a repost, accents, several
 * scripts, a subscription, a ledger row, a cursor) and what each query answered then. Opening that
 * database with today's code must upgrade it in place and answer the same.
 */
interface Fixture {
  posts: Post[];
  rows: Record<string, Record<string, unknown>[]>;
  answers: {
    threads: Record<string, StoredThread>;
    recent: Record<string, ThreadPage>;
    best: ThreadPage;
    lang: ThreadPage;
    search: { ouighours: string[]; chaine: number; xinjiangTagged: string[] };
    related: { tag: string; threads: number }[];
    counts: Record<string, number>;
    closest: string[];
    changed: string[];
    stats: { posts: number; threads: number; tags: number };
    json: Record<string, unknown>;
  };
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/store-v3.json', import.meta.url), 'utf8')) as Fixture;
const V3 = 3;

let dir: string | undefined;
let db: Db | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A database file at migration 003 holding the fixture's rows, as an older Spool left it. */
function writeV3Database(path: string): void {
  const old = new Database(path);
  old.pragma('journal_mode = WAL');
  old.transaction(() => {
    for (const migration of MIGRATIONS.slice(0, V3)) old.exec(migration.sql);
    for (const [table, rows] of Object.entries(fixture.rows)) {
      for (const row of rows) {
        const columns = Object.keys(row);
        old.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
      }
    }
    old.pragma(`user_version = ${V3}`);
  })();
  old.close();
}

/** What a reader sees of a thread: the contract's JSON and the store's two dates. */
const seen = (t: StoredThread | undefined) => t && { ...threadToJson(t), firstSeenAt: t.firstSeenAt, grownAt: t.grownAt };
const page = (p: ThreadPage) => ({ ids: p.threads.map((t) => t.id), total: p.total, more: p.nextCursor !== null });

describe('SQLite store: upgrading a database written by migrations 001–003', () => {
  it('the old rows → migrated to the latest version, every query answering as before', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-upgrade-'));
    const path = join(dir, 'spool.db');
    writeV3Database(path);
    db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const s = createSqliteStores(db, fixedClock('2026-11-23T14:00:00Z'));
    const { answers } = fixture;

    for (const [id, thread] of Object.entries(answers.threads)) expect(seen((await s.threads.getThread(id))), id).toEqual(seen(thread));
    expect(threadToJson((await s.threads.getThread('x:m1')) as StoredThread)).toEqual(answers.json);
    for (const [tag, expected] of Object.entries(answers.recent)) {
      expect(page((await s.threads.threadsByTag({ tag, sort: 'recent', limit: 10 }))), tag).toEqual(page(expected));
    }
    expect(page((await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 10 })))).toEqual(page(answers.best));
    expect(page((await s.threads.threadsByTag({ tag: 'ouïghours', sort: 'recent', limit: 10, lang: 'fr' })))).toEqual(page(answers.lang));
    expect((await s.threads.search({ words: 'ouighours', limit: 10 })).threads.map((t) => t.id)).toEqual(answers.search.ouighours);
    expect((await s.threads.search({ words: 'chaîne coton', limit: 10 })).total).toBe(answers.search.chaine);
    expect((await s.threads.search({ words: 'part', tag: 'xinjiang', limit: 10 })).threads.map((t) => t.id)).toEqual(answers.search.xinjiangTagged);
    expect(await s.tags.relatedTags('china', 10)).toEqual(answers.related);
    for (const [tag, count] of Object.entries(answers.counts)) expect((await s.tags.tagCount(tag)), tag).toBe(count);
    expect(await s.tags.closestTags('xinjang', 3)).toEqual(answers.closest);
    const window = { tag: 'xinjiang', since: new Date('2026-11-23T07:00:00Z'), until: new Date('2026-11-23T14:00:00Z'), limit: 10 };
    expect((await s.threads.changedThreads(window)).map((t) => t.id)).toEqual(answers.changed);
    expect(await s.stats()).toEqual(answers.stats);
    expect(await s.cursors.get('x', 'xinjiang')).toBe('1999');
    expect((await s.subscriptions.list()).map((sub) => [sub.tag, sub.target.chatId])).toEqual([['xinjiang', '42']]);
    expect((await s.ledger.get(1, '2026-11-23T08:00'))?.threadIds).toEqual(['x:a1']);
  });

  it('the upgraded store → ingesting the same posts again changes nothing; a new post grows its thread', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-upgrade-'));
    const path = join(dir, 'spool.db');
    writeV3Database(path);
    db = openDatabase(path);
    const clock = fixedClock('2026-11-23T15:00:00Z');
    const s = createSqliteStores(db, clock);
    expect(await s.posts.ingest(fixture.posts)).toMatchObject({ posts: 0, unchanged: fixture.posts.length, newThreads: 0, grownThreads: 0 });
    const [root] = fixture.posts.filter((p) => p.id === 'x:a3');
    const next = { ...(root as Post), id: 'x:a4', replyToId: 'x:a3', createdAt: '2026-11-20T12:04:00.000Z', text: 'a4 #xinjiang #new' };
    expect(await s.posts.ingest([next])).toMatchObject({ posts: 1, grownThreads: 1, newThreads: 0 });
    const grown = (await s.threads.getThread('x:a1'));
    expect(grown?.posts.map((p) => p.id)).toEqual(['x:a1', 'x:a2', 'x:a3', 'x:a4']);
    expect(grown?.firstSeenAt).toBe(fixture.answers.threads['x:a1']?.firstSeenAt);
    expect(grown?.grownAt).toBe('2026-11-23T15:00:00.000Z');
    expect(await s.tags.tagCount('new')).toBe(1);
    expect(await s.tags.relatedTags('new', 5)).toEqual([{ tag: 'xinjiang', threads: 1 }]);
    // The conversation's missing middle arrives: the gap closes.
    const [c3] = fixture.posts.filter((p) => p.id === 'x:c3');
    (await s.posts.ingest([{ ...(c3 as Post), id: 'x:c2', replyToId: 'x:c1', declaredThreadLength: undefined, createdAt: '2026-11-21T09:01:00.000Z', text: 'conv two' }]));
    expect((await s.threads.getThread('x:c1'))?.posts.map((p) => p.id)).toEqual(['x:c1', 'x:c2', 'x:c3']);
  });
});
