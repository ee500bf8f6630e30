import type { Post } from '../core/index.ts';
import { emptyPage, type ParsedPage } from './parsed.ts';
import { RateLimitedError, StoppedError } from './http.ts';
import { compareIds, type RoundContext, type SourcePoller } from './round.ts';
import { DEFAULT_WATCH, loadWatch, saveWatch, type WatchOptions } from './watch.ts';
import { parseXPage, type XParsedPage } from './x-parse.ts';

export interface XPollerOptions {
  readonly every: number;
  readonly apiUrl: string;
  readonly bearerToken?: string | undefined;
  /** Search pages per hashtag and round (100 posts each); the app allows 450 requests / 15 min. */
  readonly maxPages?: number;
  /** Thread completions (`conversation_id:` searches) per hashtag and round. */
  readonly maxConversations?: number;
  /**
   * Recent threads re-checked for late posts without the tag: all in one search per round
   * (`(conversation_id:A OR conversation_id:B …)`), so at most 10 to stay within the query length.
   */
  readonly watch?: WatchOptions;
}

/** The fields a thread needs, under both spellings the API accepts since August 2026. */
const FIELDS =
  'conversation_id,in_reply_to_user_id,referenced_tweets,created_at,public_metrics,entities,lang,note_tweet,attachments,author_id,possibly_sensitive';
export const FIELD_PARAMS = {
  'tweet.fields': FIELDS,
  expansions: 'author_id,attachments.media_keys,referenced_tweets.id',
  'user.fields': 'username,name',
  'media.fields': 'url,preview_image_url,alt_text,width,height,type',
};

/**
 * X API v2 recent search: `#tag -is:retweet` since the stored `since_id`, then each new thread's
 * remaining posts with `conversation_id:ID from:AUTHOR` (they often lack the tag), then one lookup
 * for conversation roots still missing. Recent search covers 7 days: older thread heads stay gaps.
 */
export function createXPoller(options: XPollerOptions): SourcePoller {
  const base = options.apiUrl.replace(/\/+$/u, '');
  const maxPages = options.maxPages ?? 3;
  const maxConversations = options.maxConversations ?? 20;
  const label = 'x';
  const watch = options.watch ?? { ...DEFAULT_WATCH, max: 10 };

  async function get(round: RoundContext, path: string, params: Record<string, string>): Promise<XParsedPage> {
    const query = new URLSearchParams({ ...params, ...FIELD_PARAMS });
    const { body } = await round.http.json(`${base}${path}?${query}`, { headers: { authorization: `Bearer ${options.bearerToken ?? ''}` } });
    const page = parseXPage(body);
    if (page.issues[0]?.startsWith('page:')) throw new Error(page.issues[0]);
    return page;
  }

  async function search(
    round: RoundContext,
    query: string,
    sinceId: string | undefined,
    pages: number,
  ): Promise<{ page: ParsedPage; newest: string | undefined }> {
    const all = emptyPage();
    let newest: string | undefined;
    let nextToken: string | undefined;
    for (let i = 0; i < pages; i++) {
      const params: Record<string, string> = { query, max_results: '100' };
      if (sinceId) params['since_id'] = sinceId;
      if (nextToken) params['next_token'] = nextToken;
      const page = await get(round, '/2/tweets/search/recent', params);
      all.posts.push(...page.posts);
      all.issues.push(...page.issues);
      all.skipped += page.skipped;
      newest ??= page.newestId; // newest_id of the first page is the next since_id
      nextToken = page.nextToken;
      if (!nextToken) break;
    }
    return { page: all, newest };
  }

  async function pollTag(tag: string, round: RoundContext): Promise<void> {
    const key = `#${tag}`;
    const cursor = await round.cursors.get(label, key);
    const found = await search(round, `#${tag} -is:retweet`, cursor, cursor ? maxPages : 1);
    const batch = found.page;
    const watched = await loadWatch(round, label, tag, watch);
    const threads = new Map<string, Post>();
    for (const post of found.page.posts) {
      const selfThread = post.replyToId === undefined || post.replyToAuthorId === post.author.id;
      if (selfThread && post.conversationId) threads.set(`${post.conversationId}\u0000${post.author.id}`, post);
    }
    for (const post of [...threads.values()].slice(0, maxConversations)) {
      const conversation = (post.conversationId ?? '').slice(2);
      try {
        const more = await search(round, `conversation_id:${conversation} from:${post.author.handle} -is:retweet`, undefined, 2);
        batch.posts.push(...more.page.posts);
        batch.issues.push(...more.page.issues);
      } catch (error) {
        round.fail(`thread ${post.conversationId}`, error);
      }
    }
    // Threads of earlier rounds, asked for together: one search for all their posts since the last round.
    const pending = watched.filter((w) => !threads.has(`x:${w.root}\u0000${w.author}`));
    if (cursor && pending.length > 0) {
      try {
        const query = `(${pending.map((w) => `conversation_id:${w.root}`).join(' OR ')}) -is:retweet`;
        const more = await search(round, query, cursor, 2);
        const authorOf = new Map(pending.map((w) => [`x:${w.root}`, w.author]));
        batch.posts.push(...more.page.posts.filter((p) => p.conversationId !== undefined && authorOf.get(p.conversationId) === p.author.id));
        batch.issues.push(...more.page.issues);
      } catch (error) {
        round.fail('watched threads', error);
      }
    }
    // Roots the searches did not bring (older than the window of the first search, or untagged).
    const have = new Set(batch.posts.map((p) => p.id));
    const missing = [...threads.values()]
      .map((p) => p.conversationId)
      .filter((id): id is string => id !== undefined && !have.has(id))
      .map((id) => id.slice(2));
    if (missing.length > 0) {
      try {
        const roots = await get(round, '/2/tweets', { ids: [...new Set(missing)].slice(0, 100).join(',') });
        batch.posts.push(...roots.posts);
        batch.issues.push(...roots.issues);
      } catch (error) {
        round.fail('thread roots', error);
      }
    }
    await round.ingest(batch);
    const newest = [cursor, found.newest]
      .filter((id): id is string => id !== undefined)
      .sort(compareIds)
      .at(-1);
    if (newest && newest !== cursor) await round.cursors.set(label, key, newest);
    const seen = [...threads.values()].map((p) => ({ root: (p.conversationId ?? '').slice(2), author: p.author.id, seen: round.now().getTime() }));
    await saveWatch(round, label, tag, watched, seen, watch);
  }

  return {
    label,
    every: options.every,
    async poll(hashtags, round) {
      if (!options.bearerToken) {
        round.fail('x', new Error('X_BEARER_TOKEN is not set'));
        return;
      }
      for (const tag of hashtags) {
        try {
          await pollTag(tag, round);
        } catch (error) {
          round.fail(`#${tag}`, error);
          // The limit is per app or IP, not per tag; stopping also ends the round.
          if (error instanceof RateLimitedError || error instanceof StoppedError) break;
        }
      }
    },
  };
}
