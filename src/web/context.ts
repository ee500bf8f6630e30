import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthorStore, Clock, Log, TagStore, ThreadStore } from '../core/index.ts';

/** What the reader needs from the rest of Spool: the read ports, a clock and a log. */
export interface WebDeps {
  readonly threads: ThreadStore;
  readonly tags: TagStore;
  /** `/author/…` pages; without it they answer 404. */
  readonly authors?: AuthorStore | undefined;
  readonly clock: Clock;
  readonly log: Log;
  /** SPOOL_PUBLIC_URL: absolute links (feeds, canonical) use it; without it they use the request's own host. */
  readonly publicUrl?: string | undefined;
  /** Counts for /healthz (the store's `stats()`); /healthz answers `{ ok: true }` alone without it. */
  readonly stats?: (() => Promise<object>) | undefined;
  /**
   * Other handlers served on the reader's server by exact path, any method (a bot's webhook): the app fills
   * this map, possibly after the server started listening. The reader knows nothing of what they are.
   */
  readonly mounts?: ReadonlyMap<string, (req: IncomingMessage, res: ServerResponse) => void> | undefined;
}

/** One request's view of the deps: `origin` is where absolute links point. */
export interface PageContext extends WebDeps {
  readonly origin: string;
  readonly now: Date;
}

/** What a page handler answers; the server adds the headers every response shares. */
export interface WebResponse {
  readonly status: number;
  readonly type: 'html' | 'xml' | 'json' | 'text';
  readonly body: string;
  /** Extra headers (Location, Allow). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Caches may keep it this many seconds; 0 means revalidate every time. */
  readonly maxAge?: number | undefined;
  /**
   * `private` when the body was built from the request's own Host header (no SPOOL_PUBLIC_URL): a
   * shared cache must not hand one client's links to another. `public` otherwise.
   */
  readonly cacheScope?: 'public' | 'private' | undefined;
}
