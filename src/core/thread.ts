import type { MediaRef } from './media.ts';
import type { Author, Metrics, SourceName } from './post.ts';
import type { Sensitivity } from './sensitivity.ts';

/** One post of a thread as front ends show it (the contract's `posts[]` item). */
export interface ThreadPost {
  readonly id: string;
  readonly text: string;
  readonly createdAt: string;
  readonly url: string;
  readonly media: number;
  /** The post's media as references, when the source gave them (absent otherwise: old rows, counts only). */
  readonly attachments?: readonly MediaRef[] | undefined;
}

/**
 * An unrolled thread: one author's self-reply chain, in order. The JSON shape of the contract,
 * plus what the core knows about completeness.
 */
export interface Thread {
  readonly id: string;
  readonly source: SourceName;
  readonly url: string;
  readonly author: Pick<Author, 'id' | 'handle' | 'name'> & { readonly links?: readonly string[] | undefined };
  /** The thread's length as known: the larger of the posts stored (plus known gaps) and the source's own count. */
  readonly postCount: number;
  /** How many of those posts Spool holds; less than `postCount` when the source showed only part. */
  readonly storedCount: number;
  readonly posts: readonly ThreadPost[];
  readonly hashtags: readonly string[];
  readonly lang: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The source gave no time: `createdAt` is when Spool first saw the thread (see `Post.undated`). */
  readonly undated?: boolean;
  /** Where the thread came from when the source names no author (see `Post.origin`). */
  readonly origin?: string;
  /** Engagement and length, without age: see `rank.ts`. */
  readonly score: number;
  readonly metrics: Metrics;
  /** The first picture of the thread's posts (see `firstPicture`): kept with the thread so lists need not read every post. */
  readonly image?: MediaRef | undefined;
  /** Present when a post of the thread is flagged, labelled or carries a content warning. */
  readonly sensitive?: Sensitivity | undefined;
}

/** A thread as the store keeps it: the domain thread plus the keys it is sorted and delivered by. */
export interface StoredThread extends Thread {
  /** When Spool first stored the thread, and when it last grew: digests pick "new or grown since". */
  readonly firstSeenAt: string;
  readonly grownAt: string;
  /**
   * `posts[0]`, given by stores that read `posts` only when asked: a list or a digest shows the first
   * post alone, and parsing every post of ten threads for it was most of a /threads answer's cost.
   */
  readonly firstPost?: ThreadPost | undefined;
}

/** The contract's JSON for a thread (`threads --json`, `search --json`). */
export function threadToJson(thread: Thread): Record<string, unknown> {
  return {
    id: thread.id,
    source: thread.source,
    url: thread.url,
    author: { handle: thread.author.handle, name: thread.author.name },
    postCount: thread.postCount,
    storedCount: thread.storedCount,
    posts: thread.posts,
    hashtags: thread.hashtags,
    lang: thread.lang,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    ...(thread.undated ? { undated: true } : {}),
    ...(thread.origin ? { origin: thread.origin } : {}),
    ...(thread.image ? { image: thread.image } : {}),
    ...(thread.sensitive ? { sensitive: thread.sensitive } : {}),
    score: Math.round(thread.score * 100) / 100,
    metrics: thread.metrics,
  };
}
