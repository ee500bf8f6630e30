import { z } from 'zod';
import { fail, ok, type FetchedThread, type Failure, type Result } from '../core/index.ts';
import type { HttpClient, HttpResponse } from './http.ts';
import { createMastodonScope, mastodonPostId, mastodonStatusSchema, parseMastodonStatuses } from './mastodon-parse.ts';

const contextSchema = z.object({ ancestors: z.array(z.unknown()), descendants: z.array(z.unknown()) });
const errorSchema = z.object({ error: z.string() });

function bodyOf(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    return undefined;
  }
}

/**
 * A whole Mastodon thread from one status of the instance that served the link: the status
 * (`/api/v1/statuses/:id`), then its context (`/context`: every ancestor and descendant), of which the
 * author's own posts are the thread. Mastodon answers a deleted status and one that is not public
 * alike, 404 `{"error":"Record not found"}`; an instance that shows nothing to anonymous readers
 * answers 401. A 404 that is not Mastodon's JSON means the host is no Mastodon server.
 */
export async function fetchMastodonThread(instance: string, id: string, link: string, http: HttpClient): Promise<Result<FetchedThread, Failure>> {
  const host = new URL(instance).host;
  const status = await http.request(`${instance}/api/v1/statuses/${encodeURIComponent(id)}`, { expect: [401, 403, 404, 410] });
  const body = bodyOf(status);
  if (status.status === 401 || status.status === 403) return fail({ code: 'unroll.login-required', where: host });
  if (status.status === 404 || status.status === 410) {
    return errorSchema.safeParse(body).success ? fail({ code: 'unroll.not-found', where: host }) : fail({ code: 'unroll.unsupported', input: link });
  }
  const linked = mastodonStatusSchema.safeParse(body);
  if (!linked.success) return fail({ code: 'unroll.unsupported', input: link });
  if (linked.data.visibility === 'private' || linked.data.visibility === 'direct') return fail({ code: 'unroll.private', where: host });
  if (linked.data.reblog) return fail({ code: 'unroll.not-a-thread' });
  const context = contextSchema.safeParse((await http.json(`${instance}/api/v1/statuses/${encodeURIComponent(id)}/context`)).body);
  if (!context.success) return fail({ code: 'unroll.unavailable', where: host });
  // One scope for the three answers, so that every reply resolves its parent's uri.
  const scope = createMastodonScope(host);
  const parsed = parseMastodonStatuses([body, ...context.data.ancestors, ...context.data.descendants], scope);
  const postId = mastodonPostId(linked.data.uri);
  const author = parsed.posts.find((p) => p.id === postId)?.author.id;
  if (!author) return fail({ code: 'unroll.unsupported', input: link });
  return ok({ posts: parsed.posts.filter((p) => p.author.id === author), postId });
}
