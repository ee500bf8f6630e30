import type { PostInput, SourceName } from '../src/core/index.ts';
import { createRandom, createZipf, type Random } from './random.ts';
import { HEAD_TAGS, LANGUAGES, type Language } from './vocabulary.ts';

/**
 * A deterministic stream of realistic posts for the benchmark, as core `PostInput`s (what
 * `spool import --format jsonl` reads, one JSON object a line).
 *
 * - threads of 1–40 posts by one author (about half are single posts, the tail is geometric);
 * - hashtags from a vocabulary of tens of thousands, drawn with Zipf's law (s = 1): the first
 *   tag is on about a sixth of all threads, most tags on a handful;
 * - ten languages in six scripts, the source's language tag present on 80 % of posts (the rest
 *   is detected, as for RSS), source-marked hashtags on 70 % (the rest is extracted from the text);
 * - replies to other people (10 %) and reposts (5 %) mixed in, which belong to no thread;
 * - 5 % of threads grow later (a post arrives ~2 000 threads after the rest) and 3 % arrive
 *   out of order (the last post before its parent), so the store's re-unrolling is exercised.
 */
export interface CorpusOptions {
  readonly seed: number;
  /** Size of the hashtag vocabulary. */
  readonly tags: number;
  readonly authors: number;
  /** Corpus time of the first thread and the gap between threads (ms). */
  readonly start: Date;
  readonly threadIntervalMs: number;
}

export const DEFAULT_CORPUS: CorpusOptions = {
  seed: 20_261_123,
  tags: 50_000,
  authors: 200_000,
  start: new Date('2026-09-01T00:00:00Z'),
  // A million threads over ~58 days: ~17 000 threads a day, a busy but plausible hashtag world.
  threadIntervalMs: 5_000,
};

const SOURCES: readonly { readonly source: SourceName; readonly weight: number }[] = [
  { source: 'x', weight: 50 },
  { source: 'mastodon', weight: 30 },
  { source: 'bluesky', weight: 20 },
];

function weighted<T extends { readonly weight: number }>(items: readonly T[], random: Random): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let target = random.next() * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** Hashtag names: the head tags, then words of every language glued together, all distinct. */
function buildTagNames(count: number, random: Random): string[] {
  const names = new Set<string>(HEAD_TAGS);
  while (names.size < count) {
    const language = weighted(LANGUAGES, random);
    const parts = random.int(1, 3);
    let name = '';
    for (let i = 0; i < parts; i++) name += (language.spaced && i > 0 && random.chance(0.3) ? '_' : '') + random.pick(language.words);
    if (names.has(name)) name += String(random.int(2, 2030));
    names.add(name.normalize('NFKC').toLowerCase());
  }
  return [...names].slice(0, count);
}

interface Pending {
  readonly dueAtThread: number;
  readonly post: PostInput;
}

export interface Corpus {
  /** Threads started so far. */
  readonly threads: number;
  /** The posts of the next `threads` threads, with the replies, reposts and late posts that fall among them. */
  nextThreads(threads: number): PostInput[];
  readonly tagNames: readonly string[];
  /** A tag as people ask for it: popular tags more often, like the posts themselves. */
  sampleTag(random: Random): string;
  /** A word of some language (for /search). */
  sampleWord(random: Random): string;
  /** Corpus time after the last thread generated so far. */
  now(): Date;
}

export function createCorpus(options: CorpusOptions = DEFAULT_CORPUS): Corpus {
  const random = createRandom(options.seed);
  const tagNames = buildTagNames(options.tags, random);
  const tagRank = createZipf(options.tags, 1);
  const authorRank = createZipf(options.authors, 0.8);
  const recent: { id: string; authorId: string; source: SourceName }[] = [];
  let pending: Pending[] = [];
  let threadCount = 0;
  let postSerial = 0;

  const timeOf = (thread: number): number => options.start.getTime() + thread * options.threadIntervalMs;

  function postId(source: SourceName): string {
    postSerial++;
    if (source === 'x') return `x:${(1_800_000_000_000_000_000n + BigInt(postSerial) * 4_194_304n).toString()}`;
    if (source === 'mastodon') return `mastodon:https://mastodon.social/@u/113${String(postSerial * 7).padStart(15, '0')}`;
    return `bluesky:at://did:plc:bench${(postSerial % 997).toString(36)}/app.bsky.feed.post/3l${postSerial.toString(36)}`;
  }

  function author(source: SourceName): PostInput['author'] {
    const n = authorRank(random);
    // Everything derives from n: an author keeps one handle across threads.
    const words = LANGUAGES[0]?.words ?? ['user'];
    return { id: `${source}-u${n}`, handle: `${words[n % words.length] ?? 'user'}_${n.toString(36)}`, name: `Author ${n}` };
  }

  function text(language: Language, tags: readonly string[], minWords: number, maxWords: number): string {
    const words: string[] = [];
    const count = random.int(minWords, maxWords);
    for (let i = 0; i < count; i++) words.push(random.pick(language.words));
    let body = language.spaced ? words.join(' ') : words.join(random.chance(0.5) ? '' : '，');
    if (random.chance(0.15)) body += ` https://example.org/${random.int(1, 1e6).toString(36)}`;
    if (tags.length > 0) body += ` ${tags.map((t) => `#${t}`).join(' ')}`;
    return [...body].slice(0, 280).join('');
  }

  function metrics(): NonNullable<PostInput['metrics']> {
    const heavy = (scale: number): number => Math.floor(Math.exp(random.next() * scale)) - 1;
    return { likes: heavy(7), reposts: heavy(5), replies: heavy(4) };
  }

  function basePost(source: SourceName, language: Language, when: number, body: string, who: PostInput['author'], tags: string[]): PostInput {
    const id = postId(source);
    const post: PostInput = {
      id,
      source,
      author: who,
      text: body,
      createdAt: new Date(when).toISOString(),
      url: `https://example.org/${source}/${postSerial}`,
      metrics: metrics(),
    };
    if (random.chance(0.8)) post.lang = language.code;
    if (random.chance(0.7)) post.hashtags = tags;
    if (random.chance(0.1)) post.media = random.int(1, 4);
    return post;
  }

  function remember(post: PostInput): void {
    recent.push({ id: post.id, authorId: post.author.id, source: post.source });
    if (recent.length > 2_000) recent.splice(0, 1_000);
  }

  function thread(index: number, out: PostInput[]): void {
    const source = weighted(SOURCES, random).source;
    const language = weighted(LANGUAGES, random);
    const who = author(source);
    const start = timeOf(index);
    const tags = [...new Set(Array.from({ length: random.int(1, 3) }, () => tagNames[tagRank(random)] ?? 'xinjiang'))];
    const length = random.chance(0.5) ? 1 : Math.min(40, 2 + Math.floor(-Math.log(1 - random.next()) * 4));
    const posts: PostInput[] = [];
    for (let i = 0; i < length; i++) {
      const own = i === 0 ? tags : random.chance(0.1) ? [tagNames[tagRank(random)] ?? 'china'] : [];
      const post = basePost(source, language, start + i * random.int(20_000, 120_000), text(language, own, i === 0 ? 8 : 5, 40), who, own);
      const parent = posts[i - 1];
      if (parent) {
        post.replyToId = parent.id;
        post.replyToAuthorId = who.id;
      }
      if (source === 'x') post.conversationId = posts[0]?.id ?? post.id;
      posts.push(post);
    }
    const root = posts[0];
    if (root) remember(root);
    if (posts.length >= 3 && random.chance(0.05)) {
      // The thread grows later: its last post arrives well after the rest.
      const last = posts.pop();
      if (last) pending.push({ dueAtThread: index + 2_000, post: { ...last, createdAt: new Date(timeOf(index + 2_000)).toISOString() } });
    } else if (posts.length >= 2 && random.chance(0.03)) {
      const [a, b] = [posts[posts.length - 2], posts[posts.length - 1]];
      if (a && b) posts.splice(posts.length - 2, 2, b, a);
    }
    out.push(...posts);
  }

  function interloper(index: number, out: PostInput[]): void {
    const target = recent.length > 0 ? random.pick(recent) : undefined;
    if (!target) return;
    const language = weighted(LANGUAGES, random);
    const who = author(target.source);
    if (who.id === target.authorId) return;
    const when = timeOf(index) + random.int(1_000, 60_000);
    if (random.chance(2 / 3)) {
      const reply = basePost(target.source, language, when, text(language, [], 3, 20), who, []);
      reply.replyToId = target.id;
      reply.replyToAuthorId = target.authorId;
      out.push(reply);
    } else {
      const repost = basePost(target.source, language, when, text(language, [], 3, 10), who, []);
      repost.isRepost = true;
      repost.quoteOfId = target.id;
      out.push(repost);
    }
  }

  return {
    get threads() {
      return threadCount;
    },
    tagNames,
    nextThreads(count) {
      const out: PostInput[] = [];
      const end = threadCount + count;
      for (; threadCount < end; threadCount++) {
        thread(threadCount, out);
        // ~0.15 interlopers per post of a thread of mean length ~3 → replies ≈ 10 %, reposts ≈ 5 % of posts.
        const extra = random.chance(0.45) ? 1 : 0;
        for (let i = 0; i < extra; i++) interloper(threadCount, out);
        if (pending.length > 0 && (pending[0]?.dueAtThread ?? Infinity) <= threadCount) {
          out.push(...pending.filter((p) => p.dueAtThread <= threadCount).map((p) => p.post));
          pending = pending.filter((p) => p.dueAtThread > threadCount);
        }
      }
      return out;
    },
    sampleTag: (r) => tagNames[tagRank(r)] ?? 'xinjiang',
    sampleWord: (r) => r.pick(weighted(LANGUAGES, r).words),
    now: () => new Date(timeOf(threadCount)),
  };
}

/**
 * The same posts as X API v2 search pages (`GET /2/tweets/search/recent`, PLATFORM_FACTS.md):
 * `data` newest first, `includes.users`, `meta.{newest_id,oldest_id,result_count,next_token}`.
 * Only X posts are included; for the X source's tests and a later ingest-through-the-poller run.
 */
export function toXSearchPages(posts: readonly PostInput[], pageSize = 100): unknown[] {
  const tweets = posts.filter((p) => p.source === 'x').reverse();
  const pages: unknown[] = [];
  for (let i = 0; i < tweets.length; i += pageSize) {
    const slice = tweets.slice(i, i + pageSize);
    const raw = (id: string | undefined): string | undefined => id?.replace(/^x:/u, '');
    const user = (id: string): string => id.replace(/^x-u/u, '');
    const users = new Map(slice.map((p) => [p.author.id, { id: user(p.author.id), username: p.author.handle, name: p.author.name ?? '' }]));
    pages.push({
      data: slice.map((p) => ({
        id: raw(p.id),
        text: p.text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;'),
        author_id: user(p.author.id),
        created_at: p.createdAt,
        conversation_id: raw(p.conversationId ?? p.id),
        lang: p.lang ?? 'und',
        ...(p.replyToAuthorId ? { in_reply_to_user_id: user(p.replyToAuthorId) } : {}),
        ...(p.replyToId || p.quoteOfId
          ? { referenced_tweets: [{ type: p.isRepost ? 'retweeted' : p.replyToId ? 'replied_to' : 'quoted', id: raw(p.replyToId ?? p.quoteOfId) }] }
          : {}),
        public_metrics: {
          like_count: p.metrics?.likes ?? 0,
          retweet_count: p.metrics?.reposts ?? 0,
          reply_count: p.metrics?.replies ?? 0,
          quote_count: 0,
        },
        entities: { hashtags: (p.hashtags ?? []).map((tag) => ({ start: 0, end: tag.length + 1, tag })) },
      })),
      includes: { users: [...users.values()] },
      meta: {
        newest_id: raw(slice[0]?.id),
        oldest_id: raw(slice[slice.length - 1]?.id),
        result_count: slice.length,
        ...(i + pageSize < tweets.length ? { next_token: `b26v89c19zqg8o3f${(i / pageSize + 1).toString(36)}` } : {}),
      },
    });
  }
  return pages;
}
