import type { WebResponse } from './context.ts';

export interface PageCacheOptions {
  /** How long a rendered page is served again as it is. */
  readonly ttlMs?: number;
  /** Pages kept at most; the oldest go first. */
  readonly entries?: number;
  /** Milliseconds, monotonic; tests pass their own. */
  readonly now?: () => number;
}

export interface PageCache {
  get(key: string): WebResponse | undefined;
  set(key: string, response: WebResponse): void;
}

/**
 * Rendered pages remembered for a second: a crowd asking for the same few pages (a link shared in a
 * big channel, or a flood) costs one render per page per second instead of one per request, which
 * is what keeps the reader's answers quick under 2,000 concurrent clients (issue 12, item 7). Pages
 * already say `max-age=60`, so a second-old page is nothing a client could not have been given.
 * Bounded both ways: a client asking for endless distinct URLs only evicts, never grows it.
 */
export function createPageCache(options: PageCacheOptions = {}): PageCache {
  const ttl = options.ttlMs ?? 1_000;
  const max = options.entries ?? 500;
  const now = options.now ?? (() => performance.now());
  const pages = new Map<string, { at: number; response: WebResponse }>();
  return {
    get(key) {
      const hit = pages.get(key);
      if (!hit) return undefined;
      if (now() - hit.at < ttl) return hit.response;
      pages.delete(key);
      return undefined;
    },
    set(key, response) {
      pages.delete(key);
      pages.set(key, { at: now(), response });
      if (pages.size > max) pages.delete(pages.keys().next().value as string);
    },
  };
}
