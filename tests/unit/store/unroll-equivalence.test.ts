import { afterEach, describe, expect, it } from 'vitest';
import { type Post, type Thread } from '../../../src/core/index.ts';
import { unroll } from '../../../src/core/ingest.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { fixedClock, makePost } from '../../support/posts.ts';

/**
 * The store unrolls incrementally (each batch re-unrolls only the threads it touches, from what is
 * stored); core `unroll` sees every post at once. Whatever the batches and their order, both must end
 * with the same threads. A seeded generator covers out-of-order posts, missing middles, late growth,
 * conversation bridges, replies by others and reposts.
 */

let db: Db | undefined;
afterEach(async () => db?.close());

function seeded(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p };
}

function generate(seed: number, threads: number): Post[] {
  const r = seeded(seed);
  const posts: Post[] = [];
  let minute = 0;
  for (let t = 0; t < threads; t++) {
    const author = `a${r.int(6)}`;
    const withConversation = r.chance(0.5);
    const length = 1 + r.int(6);
    const ids = Array.from({ length }, (_, i) => `x:t${t}p${i}`);
    for (let i = 0; i < length; i++) {
      const tags = r.chance(0.7) ? [['xinjiang', 'china', 'cotton', 'uyghur'][r.int(4)] ?? 'x'] : [];
      posts.push(
        makePost({
          id: ids[i] ?? '',
          author: { id: author, handle: `h_${author}`, name: '' },
          text: `thread ${t} part ${i} ${tags.map((tag) => `#${tag}`).join(' ')}`,
          createdAt: new Date(Date.UTC(2026, 10, 1, 0, minute++)).toISOString(),
          lang: r.chance(0.8) ? 'en' : undefined,
          metrics: { likes: r.int(50), reposts: r.int(5), replies: r.int(5) },
          // Some sources do not say whom a reply answers: such a post waits for its parent to be known.
          ...(i > 0 ? { replyToId: ids[i - 1], ...(r.chance(0.8) ? { replyToAuthorId: author } : {}) } : {}),
          ...(withConversation ? { conversationId: ids[0] } : {}),
        }),
      );
      if (r.chance(0.1)) {
        // A reply by somebody else, sometimes answered by the thread's author (not part of the thread).
        const other = `b${r.int(3)}`;
        posts.push(makePost({ id: `x:t${t}o${i}`, author: { id: other, handle: other, name: '' }, replyToId: ids[i], replyToAuthorId: author }));
        if (r.chance(0.5)) {
          posts.push(
            makePost({ id: `x:t${t}a${i}`, author: { id: author, handle: `h_${author}`, name: '' }, replyToId: `x:t${t}o${i}`, replyToAuthorId: other }),
          );
        }
      }
      if (r.chance(0.05)) posts.push(makePost({ id: `x:t${t}r${i}`, isRepost: true, quoteOfId: ids[i] }));
    }
  }
  return posts;
}

/** Splits `posts` into batches in a shuffled order; some posts never arrive (a missing middle). */
function batches(posts: readonly Post[], seed: number, missing: number): { batches: Post[][]; arrived: Post[] } {
  const r = seeded(seed);
  const arrived = posts.filter(() => !r.chance(missing));
  const order = [...arrived];
  for (let i = order.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [order[i], order[j]] = [order[j] as Post, order[i] as Post];
  }
  const out: Post[][] = [];
  for (let i = 0; i < order.length;) {
    const size = 1 + r.int(40);
    out.push(order.slice(i, i + size));
    i += size;
  }
  return { batches: out, arrived };
}

const shape = (t: Thread) => ({
  id: t.id,
  posts: t.posts.map((p) => p.id),
  postCount: t.postCount,
  storedCount: t.storedCount,
  hashtags: [...t.hashtags].sort(),
  lang: t.lang,
  score: t.score,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

describe('SQLite store: incremental unrolling', () => {
  for (const seed of Array.from({ length: 12 }, (_, i) => i + 1)) {
    it(`seed ${seed}: posts in shuffled batches, some missing → the same threads as unrolling them all at once`, async () => {
      db = openDatabase(':memory:');
      const clock = fixedClock();
      const stores = createSqliteStores(db, clock);
      const { batches: parts, arrived } = batches(generate(seed, 60), seed * 7, seed % 2 === 0 ? 0.08 : 0);
      for (const part of parts) await stores.posts.ingest(part);
      const expected = unroll(arrived)
        .map(shape)
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const ids = expected.map((t) => t.id);
      const stored = (await Promise.all(ids.map((id) => stores.threads.getThread(id)))).filter((t) => t !== undefined).map(shape);
      expect(stored).toEqual(expected);
      expect((await stores.stats()).threads).toBe(expected.length);
      const tagged = expected.filter((t) => t.hashtags.includes('xinjiang')).length;
      expect(await stores.tags.tagCount('xinjiang')).toBe(tagged);
      const page = await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 1_000 });
      expect(page.threads.map((t) => t.id).sort()).toEqual(expected.filter((t) => t.hashtags.includes('xinjiang')).map((t) => t.id));
      // Co-occurrence counts agree with the threads.
      const withBoth = expected.filter((t) => t.hashtags.includes('xinjiang') && t.hashtags.includes('china')).length;
      const related = (await stores.tags.relatedTags('xinjiang', 10)).find((x) => x.tag === 'china')?.threads ?? 0;
      expect(related).toBe(withBoth);
      // Importing everything again changes nothing.
      const again = await stores.posts.ingest(arrived);
      expect(again).toMatchObject({ posts: 0, unchanged: arrived.length, newThreads: 0, grownThreads: 0 });
    });
  }
});
