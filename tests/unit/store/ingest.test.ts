import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStores, MIGRATIONS, openDatabase, type Db } from '../../../src/store/index.ts';
import { fixedClock, makeChain, makePost } from '../../support/posts.ts';

let db: Db | undefined;
afterEach(async () => db?.close());

function stores(clock = fixedClock()) {
  db = openDatabase(':memory:');
  return { ...createSqliteStores(db, clock), clock };
}

describe('SQLite store: migrations', () => {
  it('an empty file → migrated to the latest version, and opening again changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    try {
      const path = join(dir, 'nested', 'spool.db');
      const first = openDatabase(path);
      expect(first.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
      first.close();
      const again = openDatabase(path);
      expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite store: ingest', () => {
  it('the same posts twice → the second ingest changes nothing', async () => {
    const s = stores();
    const posts = makeChain('t', 3);
    expect(await s.posts.ingest(posts)).toMatchObject({ posts: 3, newThreads: 1 });
    expect(await s.posts.ingest(posts)).toEqual({ posts: 0, unchanged: 3, unthreaded: 0, newThreads: 0, grownThreads: 0 });
    expect(await s.stats()).toEqual({ posts: 3, threads: 1, tags: 1 });
  });

  it('a thread arriving over several batches, out of order → one thread that grows, not duplicates', async () => {
    const s = stores();
    const [p1, p2, p3, p4] = makeChain('t', 4);
    expect(await s.posts.ingest([p3!])).toMatchObject({ newThreads: 1 }); // an orphan tail for now
    s.clock.set('2026-11-23T13:00:00Z');
    expect(await s.posts.ingest([p1!])).toMatchObject({ newThreads: 1 });
    s.clock.set('2026-11-23T14:00:00Z');
    expect(await s.posts.ingest([p4!, p2!])).toMatchObject({ grownThreads: 1, newThreads: 0 });
    expect((await s.stats()).threads).toBe(1);
    const thread = await s.threads.getThread('x:t1');
    expect(thread?.posts.map((p) => p.id)).toEqual(['x:t1', 'x:t2', 'x:t3', 'x:t4']);
    expect(thread?.firstSeenAt).toBe('2026-11-23T12:00:00.000Z'); // the orphan's first sighting is kept
    expect(thread?.grownAt).toBe('2026-11-23T14:00:00.000Z');
    expect(await s.tags.tagCount('xinjiang')).toBe(1);
  });

  it('a changed post (edited text, new metrics) → the thread is updated in place', async () => {
    const s = stores();
    const [root] = makeChain('t', 1);
    await s.posts.ingest([root!]);
    await s.posts.ingest([{ ...root!, text: 'edited #xinjiang #cotton', metrics: { likes: 10, reposts: 0, replies: 0 } }]);
    const thread = await s.threads.getThread('x:t1');
    expect(thread?.posts[0]?.text).toBe('edited #xinjiang #cotton');
    expect(thread?.metrics.likes).toBe(10);
    expect(await s.tags.relatedTags('xinjiang', 5)).toEqual([{ tag: 'cotton', threads: 1 }]);
  });

  it('a tag removed by an edit → its counts and pairs go away', async () => {
    const s = stores();
    const [root] = makeChain('t', 1, 'a1', { text: '#xinjiang #cotton' });
    await s.posts.ingest([root!]);
    await s.posts.ingest([{ ...root!, text: '#xinjiang only' }]);
    expect(await s.tags.tagCount('cotton')).toBe(0);
    expect(await s.tags.relatedTags('xinjiang', 5)).toEqual([]);
  });

  it('replies to others and reposts → stored but in no thread', async () => {
    const s = stores();
    const summary = await s.posts.ingest([
      makePost({ id: 'x:r', isRepost: true }),
      makePost({ id: 'x:q', replyToId: 'x:elsewhere', replyToAuthorId: 'other' }),
    ]);
    expect(summary).toMatchObject({ posts: 2, unthreaded: 2, newThreads: 0 });
    expect(await s.stats()).toMatchObject({ posts: 2, threads: 0 });
  });
});

describe('SQLite store: queries', () => {
  async function seeded() {
    const s = stores();
    const posts = Array.from({ length: 25 }, (_, i) =>
      makePost({
        id: `x:p${i}`,
        author: { id: `a${i}`, handle: `h${i}`, name: '' },
        text: i % 5 === 0 ? `Le coton du #Xinjiang et la chaîne d'approvisionnement ${i}` : `Cotton from #Xinjiang and #China ${i}`,
        lang: i % 5 === 0 ? 'fr' : 'en',
        createdAt: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
        metrics: { likes: (i * 7) % 11, reposts: 0, replies: 0 },
      }),
    );
    await s.posts.ingest(posts);
    return s;
  }

  it('recent → newest first; paging with the cursor → every thread once, in order', async () => {
    const s = await seeded();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10, cursor });
      seen.push(...result.threads.map((t) => t.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `x:p${24 - i}`));
  });

  it('a cursor stays valid while newer threads arrive', async () => {
    const s = await seeded();
    const first = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10 });
    await s.posts.ingest([makePost({ id: 'x:new', createdAt: '2026-12-30T00:00:00Z', text: 'fresh #xinjiang' })]);
    const second = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10, cursor: first.nextCursor ?? undefined });
    expect(second.threads[0]?.id).toBe('x:p14');
  });

  it('best → ordered by the stored rank, paging covers everything once', async () => {
    const s = await seeded();
    const a = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 20 });
    const b = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 20, cursor: a.nextCursor ?? undefined });
    const ids = [...a.threads, ...b.threads].map((t) => t.id);
    expect(new Set(ids).size).toBe(25);
    expect(b.nextCursor).toBeNull();
  });

  it('a language filter → only threads in that language, with their count', async () => {
    const page = await (await seeded()).threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 50, lang: 'fr' });
    expect(page.threads).toHaveLength(5);
    expect(page.total).toBe(5);
    expect(page.threads.every((t) => t.lang === 'fr')).toBe(true);
  });

  it('search → matching threads; diacritics ignored; FTS syntax in the words is harmless', async () => {
    const s = await seeded();
    expect((await s.threads.search({ words: 'chaine', limit: 50 })).total).toBe(5);
    expect((await s.threads.search({ words: 'cotton * ( "', limit: 50 })).total).toBe(20);
    expect((await s.threads.search({ words: 'NEAR( OR cotton', limit: 50 })).total).toBe(0); // every word must match
    expect((await s.threads.search({ words: 'coton', tag: 'china', limit: 50 })).total).toBe(0);
  });

  it('search pages → newest stored first, every match once, the total counted', async () => {
    const s = await seeded();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await s.threads.search({ words: 'cotton', limit: 8, cursor });
      expect(page.total).toBe(20);
      seen.push(...page.threads.map((t) => t.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect(seen[0]).toBe('x:p24'); // the last one stored
  });

  it('related, prefix and closest tags → counts from co-occurrence and use', async () => {
    const s = await seeded();
    expect(await s.tags.relatedTags('xinjiang', 5)).toEqual([{ tag: 'china', threads: 20 }]);
    expect(await s.tags.tagsByPrefix('x', 5)).toEqual([{ tag: 'xinjiang', threads: 25 }]);
    expect(await s.tags.closestTags('xinjang', 3)).toEqual(['xinjiang']);
  });

  it('changed threads → those first seen or grown in the window, best first, with length and language filters', async () => {
    const s = stores(fixedClock('2026-11-23T08:00:00Z'));
    await s.posts.ingest(makeChain('old', 2));
    s.clock.set('2026-11-23T10:00:00Z');
    await s.posts.ingest(makeChain('new', 1, 'a2'));
    const window = { tag: 'xinjiang', since: new Date('2026-11-23T09:00:00Z'), until: new Date('2026-11-23T11:00:00Z'), limit: 10 };
    expect((await s.threads.changedThreads(window)).map((t) => t.id)).toEqual(['x:new1']);
    expect(await s.threads.changedThreads({ ...window, minPosts: 2 })).toEqual([]);
    await s.posts.ingest([makePost({ id: 'x:old3', replyToId: 'x:old2', replyToAuthorId: 'a1', createdAt: '2026-11-23T09:30:00Z' })]);
    expect((await s.threads.changedThreads(window)).map((t) => t.id).sort()).toEqual(['x:new1', 'x:old1']);
  });
});
