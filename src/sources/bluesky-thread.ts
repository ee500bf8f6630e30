import { z } from 'zod';
import { fail, ok, type FetchedThread, type Failure, type Result } from '../core/index.ts';
import { blueskyId, flattenThread, parseBlueskyPosts } from './bluesky-parse.ts';
import type { HttpClient } from './http.ts';

const xrpcError = z.object({ error: z.string(), message: z.string().optional() });
const resolved = z.object({ did: z.string().startsWith('did:') });
const threadAnswer = z.object({
  thread: z.looseObject({ $type: z.string().optional(), post: z.unknown().optional(), blocked: z.boolean().optional(), notFound: z.boolean().optional() }),
});
const replyRoot = z.object({ record: z.object({ reply: z.object({ root: z.object({ uri: z.string() }) }).optional() }) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A whole Bluesky thread, read anonymously from the public AppView (`BLUESKY_PUBLIC_API`, no login
 * needed): the profile's handle resolved to its DID, then `getPostThread` on the linked post
 * (its parents and replies) and, when it is a reply, on the thread's first post for every later part.
 * Only the author's own posts are the thread. A missing post is 400 `NotFound` (or a `#notFoundPost`
 * node); a post hidden from the public a `#blockedPost` node.
 */
export async function fetchBlueskyThread(actor: string, rkey: string, http: HttpClient, publicApi: string): Promise<Result<FetchedThread, Failure>> {
  const base = publicApi.replace(/\/+$/u, '');
  const xrpc = async (method: string, params: Record<string, string>) => {
    const response = await http.request(`${base}/xrpc/${method}?${new URLSearchParams(params)}`, { expect: [400, 404] });
    return { status: response.status, body: parseJson(response.text) };
  };
  let did = actor;
  if (!actor.startsWith('did:')) {
    const answer = await xrpc('com.atproto.identity.resolveHandle', { handle: actor });
    const found = resolved.safeParse(answer.body);
    if (!found.success) return fail(answer.status === 200 ? { code: 'unroll.unavailable', where: 'Bluesky' } : { code: 'unroll.not-found', where: 'Bluesky' });
    did = found.data.did;
  }
  const thread = async (uri: string): Promise<Result<unknown[], Failure>> => {
    const answer = await xrpc('app.bsky.feed.getPostThread', { uri, depth: '100', parentHeight: '100' });
    if (answer.status !== 200) {
      return fail(
        xrpcError.safeParse(answer.body).data?.error === 'NotFound'
          ? { code: 'unroll.not-found', where: 'Bluesky' }
          : { code: 'unroll.unavailable', where: 'Bluesky' },
      );
    }
    const parsed = threadAnswer.safeParse(answer.body);
    if (!parsed.success) return fail({ code: 'unroll.unavailable', where: 'Bluesky' });
    const node = parsed.data.thread;
    if (node.blocked || node.$type === 'app.bsky.feed.defs#blockedPost') return fail({ code: 'unroll.private', where: 'Bluesky' });
    if (node.notFound || node.$type === 'app.bsky.feed.defs#notFoundPost' || !node.post) return fail({ code: 'unroll.not-found', where: 'Bluesky' });
    return ok(flattenThread(node));
  };
  const uri = `at://${did}/app.bsky.feed.post/${rkey}`;
  const first = await thread(uri);
  if (!first.ok) return first;
  const views = [...first.value];
  // A reply's own answer holds its parents and what hangs below it: the first post's holds the rest.
  const root = replyRoot.safeParse(views[0]).data?.record.reply?.root.uri;
  if (root && root !== uri && root.startsWith(`at://${did}/`)) {
    const more = await thread(root);
    if (more.ok) views.push(...more.value);
  }
  const posts = parseBlueskyPosts(views).posts.filter((p) => p.author.id === did);
  const unique = [...new Map(posts.map((p) => [p.id, p])).values()];
  return ok({ posts: unique, postId: blueskyId(uri) });
}
