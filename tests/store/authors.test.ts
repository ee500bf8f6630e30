import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStores, openDatabase, type Db, type SqliteStores } from '../../src/store/index.ts';
import { fixedClock, makeChain, makePost } from '../support/posts.ts';

let db: Db;
let stores: SqliteStores;
const clock = fixedClock('2026-11-23T12:00:00Z');
beforeEach(() => {
  db = openDatabase(':memory:');
  stores = createSqliteStores(db, clock);
});
afterEach(() => db.close());

const author = (id: string, handle: string, name = '') => ({ id, handle, name });

describe('reading by author (migration 005)', () => {
  it('findAuthors → every author with that handle, any case, per network when named, most threads first', async () => {
    await stores.posts.ingest([
      ...makeChain('a', 2, 'x1', { author: author('x1', 'Steppe_Notes', 'Steppe Notes') }),
      makePost({ id: 'x:solo', author: author('x1', 'Steppe_Notes', 'Steppe Notes'), text: 'solo #cotton' }),
      makePost({ id: 'jsonl:b', source: 'jsonl', author: author('j9', 'steppe_notes', 'Someone else'), text: 'imported #cotton' }),
      makePost({ id: 'mastodon:https://m.example/users/steppe_notes/statuses/1', source: 'mastodon', author: author('mastodon:https://m.example/@steppe_notes', 'steppe_notes@m.example'), text: 'toot #cotton' }),
    ]);
    const all = await stores.authors.findAuthors({ handle: 'steppe_notes' }, 10);
    expect(all.map((a) => [a.key, a.source, a.handle, a.name, a.threads])).toEqual([
      ['x|x1', 'x', 'Steppe_Notes', 'Steppe Notes', 2],
      ['jsonl|j9', 'jsonl', 'steppe_notes', 'Someone else', 1],
    ]);
    expect((await stores.authors.findAuthors({ handle: 'steppe_notes', source: 'x' }, 10)).map((a) => a.key)).toEqual(['x|x1']);
    expect((await stores.authors.findAuthors({ handle: 'steppe_notes@m.example', source: 'mastodon' }, 10)).map((a) => a.key)).toEqual(['mastodon|mastodon:https://m.example/@steppe_notes']);
    expect(await stores.authors.findAuthors({ handle: 'nobody' }, 10)).toEqual([]);
  });

  it('threadsByAuthor → newest (or best) first, paged by a stable cursor; changedThreadsByAuthor → those grown in the window', async () => {
    const posts = Array.from({ length: 7 }, (_, i) =>
      makePost({ id: `x:t${i}`, author: author('x1', 'alice'), text: `thread ${i}`, createdAt: `2026-11-2${i % 3}T0${i}:00:00.000Z`, metrics: { likes: i, reposts: 0, replies: 0 } }),
    );
    await stores.posts.ingest(posts);
    await stores.posts.ingest([makePost({ id: 'x:other', author: author('x2', 'bob'), text: 'not alice' })]);
    const first = await stores.authors.threadsByAuthor({ authorKey: 'x|x1', sort: 'recent', limit: 3 });
    expect(first.total).toBe(7);
    expect(first.threads.map((t) => t.createdAt)).toEqual([...first.threads.map((t) => t.createdAt)].sort().reverse());
    const seen = new Set(first.threads.map((t) => t.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await stores.authors.threadsByAuthor({ authorKey: 'x|x1', sort: 'recent', limit: 3, cursor });
      for (const t of page.threads) seen.add(t.id);
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(7);
    const best = await stores.authors.threadsByAuthor({ authorKey: 'x|x1', sort: 'best', limit: 10 });
    const ranked = db.prepare("SELECT id FROM threads WHERE author_key = 'x|x1' ORDER BY best_rank DESC, seq DESC").all() as { id: string }[];
    expect(best.threads.map((t) => t.id)).toEqual(ranked.map((r) => r.id));
    clock.set('2026-11-24T12:00:00Z');
    await stores.posts.ingest([makePost({ id: 'x:t0-2', author: author('x1', 'alice'), text: 'more', replyToId: 'x:t0', replyToAuthorId: 'x1' })]);
    const changed = await stores.authors.changedThreadsByAuthor({ authorKey: 'x|x1', since: new Date('2026-11-24T00:00:00Z'), until: new Date('2026-11-25T00:00:00Z'), limit: 10 });
    expect(changed.map((t) => t.id)).toEqual(['x:t0']);
    expect(await stores.authors.changedThreadsByAuthor({ authorKey: 'x|x1', since: new Date('2026-11-24T00:00:00Z'), until: new Date('2026-11-25T00:00:00Z'), limit: 10, minPosts: 3 })).toEqual([]);
  });

  it('threadIdOfPost → the thread a stored post belongs to; search limited to an author', async () => {
    await stores.posts.ingest([...makeChain('c', 3, 'x1', { text: 'cotton harvest' }), makePost({ id: 'x:z', author: author('x2', 'bob'), text: 'cotton too' })]);
    expect(await stores.threads.threadIdOfPost('x:c3')).toBe('x:c1');
    expect(await stores.threads.threadIdOfPost('x:nope')).toBeUndefined();
    const mine = await stores.threads.search({ words: 'cotton', authorKey: 'x|x1', limit: 10 });
    expect(mine.threads.map((t) => t.id)).toEqual(['x:c1']);
    expect(mine.total).toBe(1);
    expect((await stores.threads.search({ words: 'cotton', limit: 10 })).total).toBe(2);
  });

  it('the queries use the author indexes (no scan of every thread)', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT seq FROM threads WHERE author_key = 'x|1' ORDER BY created_at DESC, seq DESC LIMIT 5")).toContain('threads_by_author_recent');
    expect(plan("SELECT seq FROM threads WHERE author_key = 'x|1' ORDER BY best_rank DESC, seq DESC LIMIT 5")).toContain('threads_by_author_best');
    expect(plan("SELECT seq FROM threads WHERE author_key = 'x|1' AND grown_at > 0 AND grown_at <= 9")).toContain('threads_by_author_changed');
    expect(plan("SELECT author_key, COUNT(*) FROM threads WHERE author_handle = 'alice' AND author_handle <> '' GROUP BY author_key")).toContain('threads_by_handle');
  });
});

describe('short keys', () => {
  it('a value gets the same short key every time, and the key gives the value back (also from a fresh store on the same file)', async () => {
    const value = 'mastodon:https://mastodon.social/users/somebody_with_a_long_name/statuses/113456789012345678';
    const key = await stores.keys.remember(value);
    expect(key).toMatch(/^[A-Za-z0-9_-]{12}$/u);
    expect(await stores.keys.remember(value)).toBe(key);
    expect(await createSqliteStores(db, clock).keys.recall(key)).toBe(value);
    expect(await stores.keys.recall('nope')).toBeUndefined();
  });
});
