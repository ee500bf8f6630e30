import { describe, expect, it } from 'vitest';
import { makeChain, makePost } from '../../../support/posts.ts';
import { openWith, type ContractEngine } from './engine.ts';

/** Writing posts and reading threads and tags: derived from tests/store/ingest.test.ts. */
export function threadContract(engine: ContractEngine): void {
  const stores = (start?: string) => openWith(engine, start);

  describe(`${engine.name} store contract: ingest`, () => {
    it('the same posts twice → the second ingest changes nothing', async () => {
      const s = await stores();
      const posts = makeChain('t', 3);
      expect(await s.isEmpty()).toBe(true);
      expect(await s.posts.ingest(posts)).toMatchObject({ posts: 3, newThreads: 1 });
      expect(await s.posts.ingest(posts)).toEqual({ posts: 0, unchanged: 3, unthreaded: 0, newThreads: 0, grownThreads: 0 });
      expect(await s.stats()).toEqual({ posts: 3, threads: 1, tags: 1 });
      expect(await s.isEmpty()).toBe(false);
    });

    it('a thread arriving over several batches, out of order → one thread that grows, not duplicates', async () => {
      const s = await stores();
      const [p1, p2, p3, p4] = makeChain('t', 4);
      expect(await s.posts.ingest([p3!])).toMatchObject({ newThreads: 1 });
      s.clock.set('2026-11-23T13:00:00Z');
      expect(await s.posts.ingest([p1!])).toMatchObject({ newThreads: 1 });
      s.clock.set('2026-11-23T14:00:00Z');
      expect(await s.posts.ingest([p4!, p2!])).toMatchObject({ grownThreads: 1, newThreads: 0 });
      expect((await s.stats()).threads).toBe(1);
      const thread = await s.threads.getThread('x:t1');
      expect(thread?.posts.map((p) => p.id)).toEqual(['x:t1', 'x:t2', 'x:t3', 'x:t4']);
      expect(thread?.firstSeenAt).toBe('2026-11-23T12:00:00.000Z');
      expect(thread?.grownAt).toBe('2026-11-23T14:00:00.000Z');
      expect(await s.tags.tagCount('xinjiang')).toBe(1);
      expect(await s.threads.getThread('x:t3')).toBeUndefined();
    });

    it('a self-reply whose parent is missing, bridged by its conversation → one thread with the gap counted', async () => {
      const s = await stores();
      const root = makePost({ id: 'x:c1', conversationId: 'x:c1', text: 'root #xinjiang' });
      const tail = makePost({ id: 'x:c3', replyToId: 'x:c2', replyToAuthorId: 'a1', conversationId: 'x:c1', text: 'tail' });
      await s.posts.ingest([tail]);
      await s.posts.ingest([root]);
      const thread = await s.threads.getThread('x:c1');
      expect(thread?.posts.map((p) => p.id)).toEqual(['x:c1', 'x:c3']);
      expect(thread?.postCount).toBe(3);
      expect((await s.stats()).threads).toBe(1);
    });

    it('a changed post (edited text, new metrics) → the thread is updated in place', async () => {
      const s = await stores();
      const [root] = makeChain('t', 1);
      await s.posts.ingest([root!]);
      await s.posts.ingest([{ ...root!, text: 'edited #xinjiang #cotton', metrics: { likes: 10, reposts: 0, replies: 0 } }]);
      const thread = await s.threads.getThread('x:t1');
      expect(thread?.posts[0]?.text).toBe('edited #xinjiang #cotton');
      expect(thread?.metrics.likes).toBe(10);
      expect(await s.tags.relatedTags('xinjiang', 5)).toEqual([{ tag: 'cotton', threads: 1 }]);
      expect((await s.threads.search({ words: 'edited', limit: 5 })).total).toBe(1);
    });

    it('a tag removed by an edit → its counts and pairs go away', async () => {
      const s = await stores();
      const [root] = makeChain('t', 1, 'a1', { text: '#xinjiang #cotton' });
      await s.posts.ingest([root!]);
      await s.posts.ingest([{ ...root!, text: '#xinjiang only' }]);
      expect(await s.tags.tagCount('cotton')).toBe(0);
      expect(await s.tags.relatedTags('xinjiang', 5)).toEqual([]);
      expect(await s.tags.tagsByPrefix('c', 5)).toEqual([]);
    });

    it('replies to others and reposts → stored but in no thread', async () => {
      const s = await stores();
      const summary = await s.posts.ingest([
        makePost({ id: 'x:r', isRepost: true }),
        makePost({ id: 'x:q', replyToId: 'x:elsewhere', replyToAuthorId: 'other' }),
      ]);
      expect(summary).toMatchObject({ posts: 2, unthreaded: 2, newThreads: 0 });
      expect(await s.stats()).toMatchObject({ posts: 2, threads: 0 });
    });

    it('an undated post → keeps the time it was first seen, and its thread sorts below every dated one', async () => {
      const s = await stores('2026-11-23T12:00:00Z');
      const undated = makePost({ id: 'x:u1', undated: true, createdAt: '2026-11-23T12:00:00Z', text: 'undated #xinjiang' });
      await s.posts.ingest([undated, makePost({ id: 'x:d1', createdAt: '2020-01-01T00:00:00Z', text: 'old #xinjiang' })]);
      await s.posts.ingest([{ ...undated, createdAt: '2026-11-24T00:00:00Z' }]);
      expect((await s.threads.getThread('x:u1'))?.createdAt).toBe('2026-11-23T12:00:00Z');
      const page = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 5 });
      expect(page.threads.map((t) => t.id)).toEqual(['x:d1', 'x:u1']);
    });
  });

  describe(`${engine.name} store contract: queries`, () => {
    async function seeded() {
      const s = await stores();
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
        expect(result.total).toBe(25);
        seen.push(...result.threads.map((t) => t.id));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `x:p${24 - i}`));
    });

    it('a cursor stays valid while newer threads arrive; an unreadable cursor restarts at the first page', async () => {
      const s = await seeded();
      const first = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10 });
      await s.posts.ingest([makePost({ id: 'x:new', createdAt: '2026-12-30T00:00:00Z', text: 'fresh #xinjiang' })]);
      const second = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 10, cursor: first.nextCursor ?? undefined });
      expect(second.threads[0]?.id).toBe('x:p14');
      const garbled = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 1, cursor: "'; DROP TABLE posts; --" });
      expect(garbled.threads.map((t) => t.id)).toEqual(['x:new']);
    });

    it('best → ordered by the stored rank, paging covers everything once', async () => {
      const s = await seeded();
      const a = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 20 });
      const b = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 20, cursor: a.nextCursor ?? undefined });
      const ids = [...a.threads, ...b.threads].map((t) => t.id);
      expect(new Set(ids).size).toBe(25);
      expect(b.nextCursor).toBeNull();
      const whole = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 50 });
      expect(whole.threads.map((t) => t.id)).toEqual(ids);
    });

    it('a language filter → only threads in that language, with their count; an unknown tag → nothing', async () => {
      const s = await seeded();
      const page = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 3, lang: 'fr' });
      expect(page.threads.map((t) => t.id)).toEqual(['x:p20', 'x:p15', 'x:p10']);
      expect(page.total).toBe(5);
      const rest = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 3, lang: 'fr', cursor: page.nextCursor ?? undefined });
      expect(rest.threads.map((t) => t.id)).toEqual(['x:p5', 'x:p0']);
      expect(await s.threads.threadsByTag({ tag: 'nowhere', sort: 'best', limit: 3 })).toEqual({ threads: [], nextCursor: null, total: 0 });
    });

    it('search → every word must match; diacritics and case ignored; query syntax in the words is harmless', async () => {
      const s = await seeded();
      expect((await s.threads.search({ words: 'chaine', limit: 50 })).total).toBe(5);
      expect((await s.threads.search({ words: 'CHAÎNE coton', limit: 50 })).total).toBe(5);
      expect((await s.threads.search({ words: 'cotton * ( "', limit: 50 })).total).toBe(20);
      expect((await s.threads.search({ words: "cotton & ! | :* ' china", limit: 50 })).total).toBe(20);
      expect((await s.threads.search({ words: 'NEAR( OR cotton', limit: 50 })).total).toBe(0);
      expect((await s.threads.search({ words: 'coton', tag: 'china', limit: 50 })).total).toBe(0);
      expect((await s.threads.search({ words: 'cotton', tag: 'china', limit: 50 })).total).toBe(20);
      expect((await s.threads.search({ words: 'cott', limit: 50 })).total).toBe(0);
      expect((await s.threads.search({ words: '  ', limit: 50 })).total).toBe(0);
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
      expect(seen[0]).toBe('x:p24');
    });

    it('a word in more than 1,000 threads → the total stops at 1,000; pages still walk every match once, newest first', async () => {
      const s = await stores();
      const posts = Array.from({ length: 1_010 }, (_, i) =>
        makePost({ id: `x:m${i}`, author: { id: `m${i}`, handle: `m${i}`, name: '' }, text: i % 2 === 0 ? `common word ${i}` : `common rare ${i}` }),
      );
      await s.posts.ingest(posts);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await s.threads.search({ words: 'common', limit: 400, cursor });
        expect(page.total).toBe(1_000);
        seen.push(...page.threads.map((t) => t.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toHaveLength(1_010);
      expect(new Set(seen).size).toBe(1_010);
      expect(seen[0]).toBe('x:m1009');
      expect((await s.threads.search({ words: 'rare common', limit: 5 })).total).toBe(505);
    });

    it('related, prefix, closest and active tags → counts from co-occurrence and use', async () => {
      const s = await seeded();
      expect(await s.tags.relatedTags('xinjiang', 5)).toEqual([{ tag: 'china', threads: 20 }]);
      expect(await s.tags.tagsByPrefix('x', 5)).toEqual([{ tag: 'xinjiang', threads: 25 }]);
      expect(await s.tags.tagsByPrefix('', 5)).toEqual([
        { tag: 'xinjiang', threads: 25 },
        { tag: 'china', threads: 20 },
      ]);
      expect(await s.tags.closestTags('xinjang', 3)).toEqual(['xinjiang']);
      expect(await s.tags.activeTags(new Date('2026-11-23T00:00:00Z'), 5)).toEqual([
        { tag: 'xinjiang', threads: 25 },
        { tag: 'china', threads: 20 },
      ]);
      expect(await s.tags.activeTags(new Date('2026-11-24T00:00:00Z'), 5)).toEqual([]);
      expect(await s.tags.tagCount('china')).toBe(20);
    });

    it('hashtags in any script → stored, counted and found by prefix', async () => {
      const s = await stores();
      await s.posts.ingest([
        makePost({ id: 'x:k1', text: '#可可托海 #Ouïghours' }),
        makePost({ id: 'x:k2', author: { id: 'b', handle: 'b', name: '' }, text: '#可可 x' }),
      ]);
      expect(await s.tags.tagsByPrefix('可可', 5)).toEqual([
        { tag: '可可', threads: 1 },
        { tag: '可可托海', threads: 1 },
      ]);
      expect(await s.tags.tagCount('ouïghours')).toBe(1);
      expect((await s.threads.search({ words: 'ouighours', limit: 5 })).threads.map((t) => t.id)).toEqual(['x:k1']);
    });

    it('changed threads → those first seen or grown in the window, best first, with length and language filters', async () => {
      const s = await stores('2026-11-23T08:00:00Z');
      await s.posts.ingest(makeChain('old', 2));
      s.clock.set('2026-11-23T10:00:00Z');
      await s.posts.ingest(makeChain('new', 1, 'a2'));
      const window = { tag: 'xinjiang', since: new Date('2026-11-23T09:00:00Z'), until: new Date('2026-11-23T11:00:00Z'), limit: 10 };
      expect((await s.threads.changedThreads(window)).map((t) => t.id)).toEqual(['x:new1']);
      expect(await s.threads.changedThreads({ ...window, minPosts: 2 })).toEqual([]);
      expect(await s.threads.changedThreads({ ...window, lang: 'fr' })).toEqual([]);
      await s.posts.ingest([makePost({ id: 'x:old3', replyToId: 'x:old2', replyToAuthorId: 'a1', createdAt: '2026-11-23T09:30:00Z' })]);
      expect((await s.threads.changedThreads(window)).map((t) => t.id).sort()).toEqual(['x:new1', 'x:old1']);
      expect(await s.threads.changedThreads({ ...window, limit: 1 })).toHaveLength(1);
    });
  });
}
