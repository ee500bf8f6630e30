import type { Clock, Stores } from '../../src/core/index.ts';
import type { TestCorpus } from './corpus.ts';

const HOUR = 3_600_000;

/**
 * Stores the corpus the way a poller would: each batch a few minutes after its newest post, so that
 * "first seen" and "grown" times (what digests and "most active" select on) spread over the corpus's
 * 30 days as its posts do.
 */
export async function ingestCorpus(stores: Stores, clock: Clock & { set(at: Date): void }, corpus: TestCorpus): Promise<void> {
  for (const batch of corpus.batches) {
    clock.set(new Date(Math.max(...batch.map((post) => Date.parse(post.createdAt))) + 5 * 60_000));
    await stores.posts.ingest(batch);
  }
  clock.set(corpus.end);
}

/**
 * The port calls behind the hot answers (`/threads`, digests, search, did-you-mean, the front page,
 * author pages), with arguments taken from the corpus. Both engines' plan tests run these same calls
 * and check the plans of the statements each one ran.
 */
export function hotCalls(corpus: TestCorpus) {
  const tag = corpus.middleTag;
  const lastDay = { since: new Date(corpus.end.getTime() - 24 * HOUR), until: corpus.end, limit: 10 };
  const typo = `${corpus.commonTag.slice(0, 2)}${corpus.commonTag.slice(3)}`; // one letter left out
  const author = corpus.author.key;
  return {
    recent: (s: Stores) => s.threads.threadsByTag({ tag, sort: 'recent', limit: 10 }),
    recentNextPage: async (s: Stores) => {
      const first = await s.threads.threadsByTag({ tag: corpus.commonTag, sort: 'recent', limit: 10 });
      return s.threads.threadsByTag({ tag: corpus.commonTag, sort: 'recent', limit: 10, cursor: first.nextCursor ?? undefined });
    },
    recentInLanguage: (s: Stores) => s.threads.threadsByTag({ tag, sort: 'recent', limit: 10, lang: 'fr' }),
    best: (s: Stores) => s.threads.threadsByTag({ tag, sort: 'best', limit: 10 }),
    bestInLanguageNextPage: async (s: Stores) => {
      const first = await s.threads.threadsByTag({ tag: corpus.commonTag, sort: 'best', limit: 10, lang: 'en' });
      return s.threads.threadsByTag({ tag: corpus.commonTag, sort: 'best', limit: 10, lang: 'en', cursor: first.nextCursor ?? undefined });
    },
    digest: (s: Stores) => s.threads.changedThreads({ tag: corpus.commonTag, ...lastDay }),
    digestInLanguage: (s: Stores) => s.threads.changedThreads({ tag: corpus.commonTag, ...lastDay, lang: 'fr', minPosts: 2 }),
    search: (s: Stores) => s.threads.search({ words: corpus.commonWord, limit: 10 }),
    searchRareWord: (s: Stores) => s.threads.search({ words: corpus.rareWord, limit: 10 }),
    searchNextPage: async (s: Stores) => {
      const first = await s.threads.search({ words: corpus.commonWord, limit: 10 });
      return s.threads.search({ words: corpus.commonWord, limit: 10, cursor: first.nextCursor ?? undefined });
    },
    searchInTag: (s: Stores) => s.threads.search({ words: corpus.commonWord, tag, limit: 10 }),
    searchByAuthor: (s: Stores) => s.threads.search({ words: corpus.commonWord, authorKey: author, limit: 10 }),
    didYouMean: (s: Stores) => s.tags.closestTags(typo, 5),
    tagsByPrefix: (s: Stores) => s.tags.tagsByPrefix(corpus.commonTag.slice(0, 2), 10),
    topTags: (s: Stores) => s.tags.tagsByPrefix('', 10),
    relatedTags: (s: Stores) => s.tags.relatedTags(corpus.commonTag, 10),
    activeTags: (s: Stores) => s.tags.activeTags(new Date(corpus.end.getTime() - 6 * HOUR), 10),
    threadsByAuthor: async (s: Stores) => {
      const first = await s.authors.threadsByAuthor({ authorKey: author, sort: 'recent', limit: 5 });
      await s.authors.threadsByAuthor({ authorKey: author, sort: 'recent', limit: 5, cursor: first.nextCursor ?? undefined });
      return s.authors.threadsByAuthor({ authorKey: author, sort: 'best', limit: 5 });
    },
    findAuthors: (s: Stores) => s.authors.findAuthors({ handle: corpus.author.handle }, 5),
    authorDigest: (s: Stores) => s.authors.changedThreadsByAuthor({ authorKey: author, ...lastDay }),
    getThread: async (s: Stores) => {
      const [newest] = (await s.threads.threadsByTag({ tag, sort: 'recent', limit: 1 })).threads;
      return s.threads.getThread(newest?.id ?? '');
    },
    // Read before every answer and digest: how the chat wants them shown.
    chatSettings: (s: Stores) => s.chatSettings.get({ platform: 'telegram', chatId: '-1001' }),
  } satisfies Record<string, (s: Stores) => Promise<unknown>>;
}

export type HotCall = keyof ReturnType<typeof hotCalls>;
