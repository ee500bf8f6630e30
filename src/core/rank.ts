import type { Metrics } from './post.ts';

/**
 * How `best` orders threads.
 *
 *   score = log2(1 + likes + 2·reposts + replies) + log2(postCount)
 *   rank  = score + (hours since 1970) / BEST_HALVING_HOURS
 *
 * Engagement counts reposts double (they spread a thread), length is rewarded with diminishing
 * returns, and age enters as a steady handicap: a thread must have twice the engagement of one
 * posted BEST_HALVING_HOURS later to rank level with it. Because age is added, not multiplied,
 * the order of two threads never changes as time passes, so `rank` is computed once at write
 * time and indexed: `best` is as fast as `recent`.
 */
export const BEST_HALVING_HOURS = 12;

const HOUR_MS = 3_600_000;

export function threadScore(metrics: Metrics, postCount: number): number {
  const engagement = metrics.likes + 2 * metrics.reposts + metrics.replies;
  return Math.log2(1 + engagement) + Math.log2(Math.max(1, postCount));
}

/** An integer so that cursors stay exact; microunits keep ties rare. */
export function bestRank(score: number, createdAtMs: number): number {
  return Math.round((score + createdAtMs / HOUR_MS / BEST_HALVING_HOURS) * 1e6);
}

export const SORTS = ['recent', 'best'] as const;
export type Sort = (typeof SORTS)[number];

export function isSort(value: string): value is Sort {
  return (SORTS as readonly string[]).includes(value);
}
