import { z } from 'zod';
import type { Post } from '../core/index.ts';
import { createBlueskySession, type BlueskySession } from './bluesky-session.ts';
import { blueskyId, didOfUri, flattenThread, parseBlueskyPosts } from './bluesky-parse.ts';
import { emptyPage } from './parsed.ts';
import { RateLimitedError, StoppedError } from './http.ts';
import type { RoundContext, SourcePoller } from './round.ts';
import { DEFAULT_WATCH, loadWatch, saveWatch, type WatchedThread, type WatchOptions } from './watch.ts';

export interface BlueskyPollerOptions {
  readonly every: number;
  readonly service: string;
  readonly identifier?: string | undefined;
  readonly appPassword?: string | undefined;
  /** Search pages per hashtag and round (100 posts each). */
  readonly maxPages?: number;
  /** getPostThread calls per hashtag and round for new threads. */
  readonly maxThreads?: number;
  /** Recent threads re-checked for late posts without the tag (one getPostThread each per round). */
  readonly watch?: WatchOptions;
}

const searchSchema = z.object({ posts: z.array(z.unknown()), cursor: z.string().optional() });
const threadSchema = z.object({ thread: z.unknown() });

/**
 * Bluesky: `searchPosts` by tag, newest first, back to the stored time (`since`, inclusive, so
 * nothing at the boundary is lost) following `cursor`; then `getPostThread` on each self-thread's
 * root for its posts without the tag. Reply order in a thread answer is not trusted: the posts are
 * handed over flat and the unroller orders them.
 */
export function createBlueskyPoller(options: BlueskyPollerOptions): SourcePoller {
  const label = 'bluesky';
  const maxPages = options.maxPages ?? 3;
  const maxThreads = options.maxThreads ?? 20;
  const watch = options.watch ?? DEFAULT_WATCH;
  let session: BlueskySession | undefined;

  async function pollTag(tag: string, round: RoundContext, api: BlueskySession): Promise<void> {
    const key = `#${tag}`;
    const since = await round.cursors.get(label, key);
    const batch = emptyPage();
    let newest = since;
    let cursor: string | undefined;
    const fresh = new Set<string>();
    for (let page = 0; page < (since ? maxPages : 1); page++) {
      const params = new URLSearchParams({ q: `#${tag}`, tag, sort: 'latest', limit: '100' });
      if (since) params.set('since', since);
      if (cursor) params.set('cursor', cursor);
      const answer = searchSchema.safeParse(await api.query(round.http, 'app.bsky.feed.searchPosts', params));
      if (!answer.success) throw new Error('searchPosts answered without a posts list');
      const parsed = parseBlueskyPosts(answer.data.posts);
      batch.posts.push(...parsed.posts);
      batch.issues.push(...parsed.issues);
      for (const raw of answer.data.posts) {
        const { indexedAt: at, uri } = (raw ?? {}) as { indexedAt?: unknown; uri?: unknown };
        if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) continue;
        if (!newest || Date.parse(at) > Date.parse(newest)) newest = at;
        // `since` is inclusive: posts at the boundary came last round, with their threads.
        if (typeof uri === 'string' && (!since || Date.parse(at) > Date.parse(since))) fresh.add(blueskyId(uri));
      }
      cursor = answer.data.cursor;
      if (!cursor || answer.data.posts.length === 0) break;
    }
    const roots = new Map<string, Post>();
    for (const post of batch.posts.filter((p) => fresh.has(p.id))) {
      const rootUri = (post.conversationId ?? post.id).slice('bluesky:'.length);
      if (didOfUri(rootUri) === post.author.id) roots.set(rootUri, post);
    }
    const watched = await loadWatch(round, label, tag, watch);
    const targets = [...roots].slice(0, maxThreads).map(([uri, post]) => ({ uri, author: post.author.id }));
    for (const w of watched) if (!roots.has(w.root)) targets.push({ uri: w.root, author: w.author });
    const seen: WatchedThread[] = [];
    for (const { uri: rootUri, author } of targets) {
      try {
        const params = new URLSearchParams({ uri: rootUri, depth: '100', parentHeight: '0' });
        const answer = threadSchema.safeParse(await api.query(round.http, 'app.bsky.feed.getPostThread', params));
        if (!answer.success) throw new Error('getPostThread answered without a thread');
        const parsed = parseBlueskyPosts(flattenThread(answer.data.thread));
        // Only the author's posts can be part of the thread; the other branches would be stored unthreaded.
        batch.posts.push(...parsed.posts.filter((p) => p.author.id === author));
        batch.issues.push(...parsed.issues);
        seen.push({ root: rootUri, author, seen: round.now().getTime() });
      } catch (error) {
        round.fail(`thread ${rootUri}`, error);
      }
    }
    await round.ingest(batch);
    if (newest && newest !== since) await round.cursors.set(label, key, newest);
    await saveWatch(round, label, tag, watched, seen, watch);
  }

  return {
    label,
    every: options.every,
    async poll(hashtags, round) {
      if (!options.identifier || !options.appPassword) {
        round.fail('bluesky', new Error('BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD are needed: search requires a login'));
        return;
      }
      session ??= createBlueskySession({ service: options.service, identifier: options.identifier, appPassword: options.appPassword });
      for (const tag of hashtags) {
        try {
          await pollTag(tag, round, session);
        } catch (error) {
          round.fail(`#${tag}`, error);
          // The limit is per app or IP, not per tag; stopping also ends the round.
          if (error instanceof RateLimitedError || error instanceof StoppedError) break;
        }
      }
    },
  };
}
