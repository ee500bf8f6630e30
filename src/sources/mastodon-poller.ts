import { z } from 'zod';
import type { Post } from '../core/index.ts';
import { createMastodonScope, learnLocalId, parseMastodonStatuses, type MastodonScope } from './mastodon-parse.ts';
import { emptyPage, type ParsedPage } from './parsed.ts';
import { DEFAULT_WATCH, loadWatch, saveWatch, type WatchedThread, type WatchOptions } from './watch.ts';
import { RateLimitedError, StoppedError } from './http.ts';
import { compareIds, type RoundContext, type SourcePoller } from './round.ts';

export interface MastodonPollerOptions {
  readonly instance: string;
  readonly every: number;
  /** Statuses per page: Mastodon's tag timeline serves 40 at most. */
  readonly pageSize?: number;
  /** Pages per hashtag and round, so that a busy tag cannot eat the rate limit (300 / 5 min). */
  readonly maxPages?: number;
  /** Context requests for new threads per hashtag and round. */
  readonly maxThreads?: number;
  /** Recent threads re-checked for late posts without the tag (one context request each per round). */
  readonly watch?: WatchOptions;
}

const contextSchema = z.object({ ancestors: z.array(z.unknown()), descendants: z.array(z.unknown()) });
const statusArray = z.array(z.unknown());

/**
 * A Mastodon instance's tag timelines, then each new thread's context: the tag timeline finds the
 * posts with the hashtag, `/statuses/:id/context` brings the author's posts of the same thread that
 * lack it. First round: the newest page; later rounds: everything after the stored `min_id`, oldest
 * page first, so nothing between two rounds is skipped.
 */
export function createMastodonPoller(options: MastodonPollerOptions): SourcePoller {
  const base = options.instance.replace(/\/+$/u, '');
  const host = new URL(base).host;
  const label = `mastodon ${host}`;
  const pageSize = options.pageSize ?? 40;
  const maxPages = options.maxPages ?? 5;
  const maxThreads = options.maxThreads ?? 20;
  const watch = options.watch ?? DEFAULT_WATCH;

  /** The tag's new statuses, parsed, and as they came; the cursor to store once they are in the sink. */
  async function pollTag(tag: string, round: RoundContext, scope: MastodonScope): Promise<{ page: ParsedPage; raw: unknown[]; newest: string | undefined }> {
    const cursor = await round.cursors.get(label, `#${tag}`);
    let minId = cursor;
    let newest = cursor;
    const found = emptyPage();
    const raw: unknown[] = [];
    for (let page = 0; page < maxPages; page++) {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (minId) query.set('min_id', minId);
      const { body } = await round.http.json(`${base}/api/v1/timelines/tag/${encodeURIComponent(tag)}?${query}`);
      const items = statusArray.safeParse(body);
      if (!items.success) throw new Error('the tag timeline is not a list of statuses');
      raw.push(...items.data);
      const parsed = parseMastodonStatuses(items.data, scope);
      found.posts.push(...parsed.posts);
      found.issues.push(...parsed.issues);
      found.skipped += parsed.skipped;
      if (items.data.length === 0) break;
      // The cursor moves past malformed items too: they would be malformed again next round.
      const pageNewest = items.data
        .map(idOf)
        .filter((id) => id !== undefined)
        .sort(compareIds)
        .at(-1);
      if (pageNewest && (!newest || compareIds(pageNewest, newest) > 0)) newest = pageNewest;
      // First round: only the newest page. Later: walk forward until a short page.
      if (!cursor || items.data.length < pageSize || !pageNewest) break;
      minId = pageNewest;
    }
    return { page: found, raw, newest: newest !== cursor ? newest : undefined };
  }

  /**
   * One context request per thread: it returns the whole chain above and below the post asked
   * about. Threads watched from earlier rounds are asked again (by their root) for late posts.
   * Requests name statuses by this instance's local ids, which the scope keeps for every post seen.
   */
  async function completeThreads(
    posts: readonly Post[],
    watched: readonly WatchedThread[],
    round: RoundContext,
    scope: MastodonScope,
  ): Promise<{ page: ParsedPage; seen: WatchedThread[] }> {
    const more = emptyPage();
    const covered = new Set<string>();
    const seen: WatchedThread[] = [];
    const candidates = [...posts]
      .filter((p) => p.replyToId === undefined || p.replyToAuthorId === p.author.id)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
      .slice(0, maxThreads)
      .map((p) => ({ local: scope.locals.get(p.id), author: p.author.id }));
    // A context answer leaves out the status asked about: a watched root's uri comes from the watch list.
    for (const w of watched) if (w.rootPostId) learnLocalId(scope, w.root, w.rootPostId);
    const targets = [...candidates, ...watched.map((w) => ({ local: w.root, author: w.author }))];
    for (const { local, author } of targets) {
      if (local === undefined || covered.has(local)) continue;
      try {
        const { body } = await round.http.json(`${base}/api/v1/statuses/${encodeURIComponent(local)}/context`);
        const context = contextSchema.safeParse(body);
        if (!context.success) throw new Error('the context is not { ancestors, descendants }');
        const parsed = parseMastodonStatuses([...context.data.ancestors, ...context.data.descendants], scope);
        // Only the author's own posts can belong to the thread; others' replies would only be stored unthreaded.
        const own = parsed.posts.filter((p) => p.author.id === author);
        covered.add(local);
        for (const p of own) covered.add(scope.locals.get(p.id) ?? p.id);
        more.posts.push(...own);
        more.issues.push(...parsed.issues);
        // Ancestors come oldest first: the thread's root is the first own ancestor, else the target.
        const root = own.find((p) => p.replyToId === undefined);
        const rootLocal = (root && scope.locals.get(root.id)) ?? local;
        seen.push({ root: rootLocal, rootPostId: scope.posts.get(rootLocal), author, seen: round.now().getTime() });
      } catch (error) {
        round.fail(`context of ${local}`, error);
      }
    }
    return { page: more, seen };
  }

  return {
    label,
    every: options.every,
    async poll(hashtags, round) {
      // Local ids learnt from every answer of this round, so that a reply met in the timeline finds
      // the uri of a parent that only a context answer showed.
      const scope = createMastodonScope(host);
      for (const tag of hashtags) {
        try {
          const { page, raw, newest } = await pollTag(tag, round, scope);
          const watched = await loadWatch(round, label, tag, watch);
          const { page: more, seen } = await completeThreads(page.posts, watched, round, scope);
          const timeline = parseMastodonStatuses(raw, scope).posts;
          // One batch per tag: the thread is counted once, as new, not as pieces that later merge.
          await round.ingest({ posts: [...timeline, ...more.posts], issues: [...page.issues, ...more.issues], skipped: page.skipped });
          if (newest) await round.cursors.set(label, `#${tag}`, newest);
          await saveWatch(round, label, tag, watched, seen, watch);
        } catch (error) {
          round.fail(`#${tag}`, error);
          // The limit is per app or IP, not per tag; stopping also ends the round.
          if (error instanceof RateLimitedError || error instanceof StoppedError) break;
        }
      }
    },
  };
}

function idOf(raw: unknown): string | undefined {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^\d+$/u.test(id) ? id : undefined;
}
