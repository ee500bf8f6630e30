import type { ChatSettingsStore } from './chat-settings.ts';
import type { AuthorQuery, AuthorSummary } from './authors.ts';
import type { Failure } from './failures.ts';
import type { LeaseStore } from './lease.ts';
import type { PostLink } from './post-links.ts';
import type { Result } from './result.ts';
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
  /** Only threads by this author (`AuthorSummary.key`). */
  readonly authorKey?: string | undefined;
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
  /** The thread a stored post belongs to, by the post's global id (`x:123`); undefined for a post in no thread. */
  threadIdOfPost(postId: string): Promise<string | undefined>;
}

/** One author's threads, paged like a tag's. */
export interface AuthorThreadsQuery {
  /** `AuthorSummary.key`. */
  readonly authorKey: string;
  readonly sort: Sort;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** One author's threads new or grown in (since, until]: an author subscription's digest. */
export interface ChangedAuthorThreadsQuery {
  readonly authorKey: string;
  readonly since: Date;
  readonly until: Date;
  readonly limit: number;
  readonly lang?: string | undefined;
  readonly minPosts?: number | undefined;
}

/** Reading by author: `/threads @handle`, the reader's `/author/…`, author subscriptions. */
export interface AuthorStore {
  /** Authors whose handle is `query.handle` (any case), on `query.source` when given; most threads first. */
  findAuthors(query: AuthorQuery, limit: number): Promise<readonly AuthorSummary[]>;
  /** One author's threads, most recent (or best) first; `nextCursor` as in threadsByTag, `total` their count. */
  threadsByAuthor(query: AuthorThreadsQuery): Promise<ThreadPage>;
  /** Best first, like `changedThreads`. */
  changedThreadsByAuthor(query: ChangedAuthorThreadsQuery): Promise<readonly StoredThread[]>;
}

/**
 * Short stand-ins for values too long to travel in a button (64 bytes on some platforms): a search's words,
 * a long thread id. `remember` is idempotent (the same value gets the same key) and the key is at most
 * 16 characters of `[A-Za-z0-9_-]`; keys are never removed, so a button keeps working after a restart.
 */
export interface KeyStore {
  remember(value: string): Promise<string>;
  recall(key: string): Promise<string | undefined>;
}

/** A thread as a network served it: every post found, and which of them the link pointed at. */
export interface FetchedThread {
  readonly posts: readonly Post[];
  /** The global id (`x:123`, `mastodon:<uri>`, `bluesky:at://…`) of the linked post. */
  readonly postId: string;
}

/**
 * Fetching a whole thread from a post link (`/unroll`): the linked post, the author's posts above it
 * and below it. Never throws for what the network answers: a deleted or private post, a network
 * that is down or not configured come back as failures (`unroll.*`), logged by the implementation.
 */
export interface ThreadFetcher {
  fetchThread(link: PostLink): Promise<Result<FetchedThread, Failure>>;
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
  readonly authors: AuthorStore;
  readonly keys: KeyStore;
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
