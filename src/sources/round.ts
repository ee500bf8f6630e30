import { oneLine, type Clock, type Log, type Post, type PostSink } from '../core/index.ts';
import type { CursorPort } from './cursors.ts';
import type { HttpClient } from './http.ts';
import type { ParsedPage } from './parsed.ts';

/** What one poll round of one source did: the numbers `spool poll` prints. */
export interface SourceRoundReport {
  /** "mastodon mastodon.social", "x", "rss https://…/feed". */
  readonly source: string;
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  /** Posts new or changed in the store. */
  readonly posts: number;
  readonly newThreads: number;
  readonly grownThreads: number;
  /** Items left out on purpose: reposts, non-public posts. */
  readonly skipped: number;
  /** Request failures and malformed items, one line each, never with a token in it. */
  readonly errors: readonly string[];
}

/** What a source poller is handed for a round. */
export interface RoundContext {
  readonly http: HttpClient;
  readonly cursors: CursorPort;
  readonly log: Log;
  /** The poller's clock: dates for items that carry none. */
  now(): Date;
  /** Hands posts to the sink and counts what they did; logs each malformed item. */
  ingest(page: ParsedPage): Promise<readonly Post[]>;
  /** A failure that ended part of the round (one hashtag, one thread); the rest goes on. */
  fail(what: string, error: unknown): void;
}

export interface SourcePoller {
  /** Cursor namespace and report name. */
  readonly label: string;
  readonly every: number;
  poll(hashtags: readonly string[], context: RoundContext): Promise<void>;
}

/** A round's tally over one sink; `report()` reads it out. */
export function createRound(
  label: string,
  deps: { http: HttpClient; cursors: CursorPort; log: Log; sink: PostSink; clock: Clock },
): RoundContext & {
  report(): SourceRoundReport;
  /** A round failed when something failed and no page at all came through. */
  failed(): boolean;
} {
  let pages = 0;
  let failures = 0;
  const startRequests = deps.http.requests;
  let posts = 0;
  let newThreads = 0;
  let grownThreads = 0;
  let skipped = 0;
  const errors: string[] = [];
  return {
    http: deps.http,
    cursors: deps.cursors,
    log: deps.log,
    now: () => deps.clock.now(),
    async ingest(page) {
      pages++;
      for (const issue of page.issues) {
        errors.push(issue);
        deps.log.warn({ source: label, issue }, 'malformed item skipped');
      }
      skipped += page.skipped;
      if (page.posts.length > 0) {
        const summary = await deps.sink.ingest(page.posts);
        posts += summary.posts;
        newThreads += summary.newThreads;
        grownThreads += summary.grownThreads;
      }
      return page.posts;
    },
    fail(what, error) {
      failures++;
      // Upstream bodies end up in error messages: one short line, whatever the upstream sent.
      const message = oneLine(`${what}: ${error instanceof Error ? error.message : String(error)}`, 1000);
      errors.push(message);
      deps.log.warn({ source: label, err: error instanceof Error ? { name: error.name, message: error.message } : error }, `${what} failed`);
    },
    failed: () => failures > 0 && pages === 0,
    report: () => ({ source: label, requests: deps.http.requests - startRequests, posts, newThreads, grownThreads, skipped, errors }),
  };
}

/** Snowflake-like ids (X, Mastodon) compared as numbers without losing precision. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
