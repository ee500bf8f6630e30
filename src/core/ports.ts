import type { Post } from './post.ts';
import type { Sort } from './rank.ts';
import type { StoredThread } from './thread.ts';

/**
 * The ports the core needs from the outside, each small and named by its role.
 * They are synchronous on purpose: the embedded store (better-sqlite3) answers in microseconds,
 * and an await per query would cost more than the query (docs/adr/0002-synchronous-store-ports.md).
 */

export interface ThreadQuery {
  readonly tag: string;
  readonly sort: Sort;
  readonly limit: number;
  readonly lang?: string | undefined;
  /** Opaque, from a previous page's `nextCursor`: paging stays stable while new threads arrive. */
  readonly cursor?: string | undefined;
}

export interface ThreadPage {
  readonly threads: readonly StoredThread[];
  readonly nextCursor: string | null;
  /** How many threads carry the tag (with the language filter applied); for a search, matches counted up to 1,000. */
  readonly total: number;
}

export interface TagCount {
  readonly tag: string;
  readonly threads: number;
}

export interface SearchQuery {
  readonly words: string;
  readonly tag?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** Threads that are new or have grown in the window (since, until]: what a digest is made of. */
export interface ChangedThreadsQuery {
  readonly tag: string;
  readonly since: Date;
  readonly until: Date;
  readonly limit: number;
  readonly lang?: string | undefined;
  readonly minPosts?: number | undefined;
}

/** Reading threads: every chat command and page goes through this. */
export interface ThreadStore {
  threadsByTag(query: ThreadQuery): ThreadPage;
  getThread(id: string): StoredThread | undefined;
  /** Threads whose text has every word, most recently stored first. */
  search(query: SearchQuery): ThreadPage;
  changedThreads(query: ChangedThreadsQuery): readonly StoredThread[];
}

/** Reading hashtags: counts, co-occurrence, suggestions. */
export interface TagStore {
  tagCount(tag: string): number;
  relatedTags(tag: string, limit: number): readonly TagCount[];
  /** Known tags that start with `prefix`, most used first (autocomplete). */
  tagsByPrefix(prefix: string, limit: number): readonly TagCount[];
  /** Known tags spelled most like `tag` (for "did you mean"). */
  closestTags(tag: string, limit: number): readonly string[];
  /** Most threads first-seen since `since`: the front page's "most active". */
  activeTags(since: Date, limit: number): readonly TagCount[];
}

export interface IngestSummary {
  /** Posts that were new or changed. */
  readonly posts: number;
  /** Posts already stored unchanged: importing the same file twice changes nothing. */
  readonly unchanged: number;
  /** Posts that belong to no thread (replies to other people, reposts). */
  readonly unthreaded: number;
  readonly newThreads: number;
  readonly grownThreads: number;
}

/** Writing posts: the store unrolls them into threads as they arrive, in any order. */
export interface PostSink {
  ingest(posts: readonly Post[]): IngestSummary;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
