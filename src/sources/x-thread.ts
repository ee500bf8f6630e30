import { z } from 'zod';
import { fail, ok, type FetchedThread, type Failure, type Post, type Result } from '../core/index.ts';
import type { HttpClient } from './http.ts';
import { parseXPage } from './x-parse.ts';
import { FIELD_PARAMS } from './x-poller.ts';

export interface XThreadOptions {
  readonly apiUrl: string;
  readonly bearerToken?: string | undefined;
  /** Conversation search pages (100 posts each). */
  readonly maxPages?: number;
  /** Lookups of parents the search did not bring (older than its 7 days), 100 ids each. */
  readonly maxClimbs?: number;
}

/** A lookup's partial errors (HTTP 200): `not-authorized-for-resource` (protected, suspended) or `resource-not-found`. */
const lookupErrors = z.object({
  errors: z.array(z.object({ value: z.string().optional(), resource_id: z.string().optional(), type: z.string().optional() })).optional(),
});

/**
 * A whole X thread from one post's id: the post's lookup (its conversation and author), then every
 * post of the author in that conversation (`conversation_id:ID from:USER`, recent search: 7 days),
 * then the conversation's first post and any parent still missing, by lookup. X answers a deleted
 * post with `resource-not-found` and a protected one with `not-authorized-for-resource`, both as
 * partial errors of a 200.
 */
export async function fetchXThread(id: string, http: HttpClient, options: XThreadOptions): Promise<Result<FetchedThread, Failure>> {
  if (!options.bearerToken) return fail({ code: 'unroll.not-configured', network: 'X' });
  const base = options.apiUrl.replace(/\/+$/u, '');
  const headers = { authorization: `Bearer ${options.bearerToken}` };
  const get = async (path: string, params: Record<string, string>) =>
    (await http.json(`${base}${path}?${new URLSearchParams({ ...params, ...FIELD_PARAMS })}`, { headers })).body;

  const lookup = async (ids: readonly string[]) => get('/2/tweets', { ids: ids.join(',') });
  const first = await lookup([id]);
  const problem = lookupErrors.safeParse(first).data?.errors?.find((e) => (e.value ?? e.resource_id) === id);
  if (problem?.type?.endsWith('/not-authorized-for-resource')) return fail({ code: 'unroll.private', where: 'X' });
  const linked = parseXPage(first).posts.find((p) => p.id === `x:${id}`);
  if (!linked) return fail({ code: 'unroll.not-found', where: 'X' });

  const found = new Map<string, Post>([[linked.id, linked]]);
  const add = (posts: readonly Post[]) => {
    for (const post of posts) if (post.author.id === linked.author.id && !found.has(post.id)) found.set(post.id, post);
  };
  const conversation = (linked.conversationId ?? linked.id).slice(2);
  let nextToken: string | undefined;
  for (let page = 0; page < (options.maxPages ?? 3); page++) {
    const params: Record<string, string> = { query: `conversation_id:${conversation} from:${linked.author.handle} -is:retweet`, max_results: '100' };
    if (nextToken) params['next_token'] = nextToken;
    const answer = parseXPage(await get('/2/tweets/search/recent', params));
    add(answer.posts);
    nextToken = answer.nextToken;
    if (!nextToken) break;
  }
  // The first post, and parents the 7-day search could not reach: climbed by lookup, 100 at a time.
  for (let climb = 0; climb < (options.maxClimbs ?? 5); climb++) {
    const missing = new Set<string>();
    if (!found.has(`x:${conversation}`)) missing.add(conversation);
    for (const post of found.values()) {
      if (post.replyToId && post.replyToAuthorId === linked.author.id && !found.has(post.replyToId)) missing.add(post.replyToId.slice(2));
    }
    if (missing.size === 0) break;
    const before = found.size;
    add(parseXPage(await lookup([...missing].slice(0, 100))).posts);
    if (found.size === before) break; // what is missing is deleted or hidden: the thread keeps its gap
  }
  return ok({ posts: [...found.values()], postId: linked.id });
}
