import type { ChatSettingsStore } from './chat-settings.ts';
import type { LeaseStore } from './lease.ts';
import type { Post } from './post.ts';
import type { Sort } from './rank.ts';
import type { DeliveryLedger, Subscriptions } from './subscriptions.ts';
import type { StoredThread } from './thread.ts';

/**
 * The ports the core needs from the outside, each small and named by its role. They are asynchronous
 * so that any engine can implement them: the embedded SQLite store answers at once, a networked one
 * (PostgreSQL) over a socket (docs/adr/0005-asynchronous-store-ports.md supersedes 0002).
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
  /**
   * The cursor that starts right after `threads[index]` (null after the last one when nothing follows):
   * lets a caller that used only part of a page go on from there without asking again. Optional.
   */
  readonly cursorAfter?: ((index: number) => string | null) | undefined;
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
  threadsByTag(query: ThreadQuery): Promise<ThreadPage>;
  getThread(id: string): Promise<StoredThread | undefined>;
  /** Threads whose text has every word, most recently stored first. */
  search(query: SearchQuery): Promise<ThreadPage>;
  changedThreads(query: ChangedThreadsQuery): Promise<readonly StoredThread[]>;
}

/** Reading hashtags: counts, co-occurrence, suggestions. */
export interface TagStore {
  tagCount(tag: string): Promise<number>;
  relatedTags(tag: string, limit: number): Promise<readonly TagCount[]>;
  /** Known tags that start with `prefix`, most used first (autocomplete). */
  tagsByPrefix(prefix: string, limit: number): Promise<readonly TagCount[]>;
  /** Known tags spelled most like `tag` (for "did you mean"). */
  closestTags(tag: string, limit: number): Promise<readonly string[]>;
  /** Most threads first-seen since `since`: the front page's "most active". */
  activeTags(since: Date, limit: number): Promise<readonly TagCount[]>;
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
  ingest(posts: readonly Post[]): Promise<IngestSummary>;
}

/**
 * Where each poller stopped, per source and key (`#tag`, a feed URL): `since_id`, a search cursor, an
 * ETag. A cursor is written only after the posts it covers were handed to the sink, so a crash
 * refetches (deduped by the store) rather than skips.
 */
export interface CursorStore {
  get(source: string, key: string): Promise<string | undefined>;
  set(source: string, key: string, value: string): Promise<void>;
}

export interface StoreStats {
  readonly posts: number;
  readonly threads: number;
  readonly tags: number;
}

/**
 * Several `ingest` calls in one transaction (each nested in a savepoint): a bulk import commits less
 * often and rewrites the same index pages less. Engines that gain nothing from it do not offer one.
 */
export interface ImportGroup {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Every repository of one database, whatever the engine: what the app hands to the router, the
 * scheduler, the pollers and the web reader. The contract suite (tests) holds every engine to it.
 */
export interface Stores {
  readonly threads: ThreadStore;
  readonly tags: TagStore;
  readonly posts: PostSink;
  readonly cursors: CursorStore;
  readonly subscriptions: Subscriptions;
  readonly ledger: DeliveryLedger;
  /** Which process holds which role (the service on a database). */
  readonly leases: LeaseStore;
  /** Each chat's /settings and /language. */
  readonly chatSettings: ChatSettingsStore;
  /** True before the first post is stored (the console demo then shows the sample). */
  isEmpty(): Promise<boolean>;
  /** Row counts, for /healthz and the benchmark (not for hot paths). */
  stats(): Promise<StoreStats>;
  /** A transaction around several ingests, for bulk imports (see ImportGroup); absent where it does not help. */
  importGroup?(): ImportGroup;
  close(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
