import { z } from 'zod';
import type { RoundContext } from './round.ts';

/**
 * Threads seen recently, re-checked for a while because their author may go on posting without
 * the hashtag (a thread written over an hour, or a poll that landed in the middle of one). Kept in
 * the cursor store as JSON under `watch #tag`, newest first, bounded in number and age, so the
 * extra cost per round is bounded too.
 */
export interface WatchedThread {
  /** The thread's first post as the source names it (Mastodon local id, X conversation id, at:// URI). */
  readonly root: string;
  /** The root's post id when `root` is only the source's local name for it (Mastodon: local id vs uri). */
  readonly rootPostId?: string | undefined;
  readonly author: string;
  readonly handle?: string | undefined;
  /** When Spool first saw it (ms). */
  readonly seen: number;
}

export interface WatchOptions {
  /** How long after first sight a thread is re-checked. */
  readonly forMs: number;
  /** Threads re-checked per hashtag and round at most. */
  readonly max: number;
}

export const DEFAULT_WATCH: WatchOptions = { forMs: 2 * 3_600_000, max: 5 };

const listSchema = z.array(
  z.object({ root: z.string(), rootPostId: z.string().optional(), author: z.string(), handle: z.string().optional(), seen: z.number() }),
);

export async function loadWatch(round: RoundContext, source: string, tag: string, options: WatchOptions): Promise<WatchedThread[]> {
  const raw = await round.cursors.get(source, `watch #${tag}`);
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  const parsed = listSchema.safeParse(value);
  const now = round.now().getTime();
  return parsed.success ? parsed.data.filter((w) => now - w.seen < options.forMs).slice(0, options.max) : [];
}

/** Merges newly seen threads into the list (first sight kept), drops the old, stores it. */
export async function saveWatch(
  round: RoundContext,
  source: string,
  tag: string,
  previous: readonly WatchedThread[],
  seen: readonly WatchedThread[],
  options: WatchOptions,
): Promise<void> {
  const now = round.now().getTime();
  const byRoot = new Map<string, WatchedThread>();
  for (const w of [...previous, ...seen]) {
    const known = byRoot.get(w.root);
    byRoot.set(w.root, known ? { ...w, seen: Math.min(known.seen, w.seen) } : w);
  }
  const list = [...byRoot.values()]
    .filter((w) => now - w.seen < options.forMs)
    .sort((a, b) => b.seen - a.seen)
    .slice(0, options.max);
  const value = JSON.stringify(list);
  if (value !== ((await round.cursors.get(source, `watch #${tag}`)) ?? '[]')) await round.cursors.set(source, `watch #${tag}`, value);
}
