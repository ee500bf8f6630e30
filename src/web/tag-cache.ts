import type { TagCount, TagStore } from '../core/index.ts';

export interface TagCacheOptions {
  /** How long "most active" is reused: it moves slowly, and the query scans the whole window. */
  readonly activeTtlMs?: number;
  /** How long a "did you mean" answer is reused, and how many are kept. */
  readonly closestTtlMs?: number;
  readonly closestEntries?: number;
  /** Milliseconds, monotonic; tests pass their own. */
  readonly now?: () => number;
}

/**
 * The reader's view of the TagStore with its two expensive answers remembered for a while:
 * `activeTags` (a GROUP BY over every tag link of the last days: ~100 ms at 100k threads, see
 * bench/web-latency.ts) and `closestTags` (an edit distance against every known tag). Both are asked
 * by anyone who opens `/` or mistypes a tag, so without this a few requests a second could keep the
 * event loop busy. Everything else passes through.
 */
export function createCachedTagStore(tags: TagStore, options: TagCacheOptions = {}): TagStore {
  const now = options.now ?? (() => performance.now());
  const activeTtl = options.activeTtlMs ?? 60_000;
  const closestTtl = options.closestTtlMs ?? 600_000;
  const closestMax = options.closestEntries ?? 1_000;
  const active = new Map<number, { at: number; value: Promise<readonly TagCount[]> }>();
  const closest = new Map<string, { at: number; value: Promise<readonly string[]> }>();

  return {
    tagCount: (tag) => tags.tagCount(tag),
    relatedTags: (tag, limit) => tags.relatedTags(tag, limit),
    tagsByPrefix: (prefix, limit) => tags.tagsByPrefix(prefix, limit),
    activeTags(since, limit) {
      const hit = active.get(limit);
      if (hit && now() - hit.at < activeTtl) return hit.value;
      const value = tags.activeTags(since, limit);
      active.set(limit, { at: now(), value });
      value.catch(() => active.delete(limit));
      return value;
    },
    closestTags(tag, limit) {
      const key = `${limit}\u0000${tag}`;
      const hit = closest.get(key);
      if (hit && now() - hit.at < closestTtl) return hit.value;
      const value = tags.closestTags(tag, limit);
      closest.delete(key);
      closest.set(key, { at: now(), value });
      value.catch(() => closest.delete(key));
      // A Map iterates in insertion order: the first key is the oldest entry.
      if (closest.size > closestMax) closest.delete(closest.keys().next().value ?? '');
      return value;
    },
  };
}
