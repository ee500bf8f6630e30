import { startFakeServer, type FakeServer, type RecordedRequest } from './server.ts';

/** A post view as app.bsky.feed.defs#postView (lexicon), with the record inline. */
export interface FakeBskyPost {
  uri: string;
  cid: string;
  author: { did: string; handle: string; displayName: string };
  record: {
    $type: 'app.bsky.feed.post';
    text: string;
    createdAt: string;
    langs: string[];
    reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
    facets?: { index: { byteStart: number; byteEnd: number }; features: Record<string, unknown>[] }[];
    embed?: Record<string, unknown>;
  };
  replyCount: number;
  repostCount: number;
  likeCount: number;
  quoteCount: number;
  indexedAt: string;
  labels: unknown[];
}

export interface FakeBskyAuthor {
  did: string;
  handle: string;
  displayName?: string;
}

const encoder = new TextEncoder();

/** Tag facets with UTF-8 byte offsets, as the Bluesky app writes them. */
function tagFacets(text: string) {
  const facets: NonNullable<FakeBskyPost['record']['facets']> = [];
  for (const m of text.matchAll(/#([\p{L}\p{M}\p{Nd}_]+)/gu)) {
    const byteStart = encoder.encode(text.slice(0, m.index)).length;
    facets.push({ index: { byteStart, byteEnd: byteStart + encoder.encode(m[0]).length }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: m[1] }] });
  }
  return facets;
}

export function makeBskyPost(
  author: FakeBskyAuthor,
  fields: { rkey: string; text: string; replyTo?: FakeBskyPost; createdAt?: string; links?: { shown: string; uri: string }[]; embed?: Record<string, unknown> },
): FakeBskyPost {
  const createdAt = fields.createdAt ?? new Date(Date.UTC(2026, 10, 20, 12, 0, Number.parseInt(fields.rkey.slice(-3), 36) % 3600)).toISOString();
  const facets = tagFacets(fields.text);
  for (const link of fields.links ?? []) {
    const at = fields.text.indexOf(link.shown);
    const byteStart = encoder.encode(fields.text.slice(0, at)).length;
    facets.push({
      index: { byteStart, byteEnd: byteStart + encoder.encode(link.shown).length },
      features: [{ $type: 'app.bsky.richtext.facet#link', uri: link.uri }],
    });
  }
  const uri = `at://${author.did}/app.bsky.feed.post/${fields.rkey}`;
  const parent = fields.replyTo;
  return {
    uri,
    cid: `bafy${fields.rkey}`,
    author: { did: author.did, handle: author.handle, displayName: author.displayName ?? author.handle },
    record: {
      $type: 'app.bsky.feed.post',
      text: fields.text,
      createdAt,
      langs: ['en'],
      ...(parent ? { reply: { root: parent.record.reply?.root ?? { uri: parent.uri, cid: parent.cid }, parent: { uri: parent.uri, cid: parent.cid } } } : {}),
      ...(facets.length > 0 ? { facets } : {}),
      ...(fields.embed ? { embed: fields.embed } : {}),
    },
    replyCount: 0,
    repostCount: 0,
    likeCount: 5,
    quoteCount: 0,
    indexedAt: createdAt,
    labels: [],
  };
}

export interface FakeBluesky extends FakeServer {
  readonly posts: (FakeBskyPost | Record<string, unknown>)[];
  /** Posts whose author blocks the viewer, or hides them from logged-out readers: a `#blockedPost` node. */
  readonly blocked: Set<string>;
  /** Access tokens handed out so far stop working (400 ExpiredToken), as after two hours. */
  expireAccessTokens(): void;
  searches(): RecordedRequest[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const xrpcError = (status: number, error: string, message: string) => ({ status, body: { error, message } });

/**
 * A PDS/AppView: createSession with an app password, refreshSession, searchPosts (login required,
 * `q` required, `tag`, `sort=latest`, `since` inclusive, `limit` 1–100, `cursor`), getPostThread
 * (nested parent/replies, replies deliberately newest first), `ratelimit-*` headers.
 */
export async function startFakeBluesky(options: { identifier: string; password: string; now?: () => Date; publicReads?: boolean }): Promise<FakeBluesky> {
  const posts: (FakeBskyPost | Record<string, unknown>)[] = [];
  const blocked = new Set<string>();
  const valid = new Set<string>();
  const refresh = new Set<string>();
  let issued = 0;
  let remaining = 3000;
  const now = options.now ?? (() => new Date());
  const newSession = () => {
    issued++;
    const access = `access-${issued}`;
    const refreshJwt = `refresh-${issued}`;
    valid.add(access);
    refresh.add(refreshJwt);
    return { status: 200, body: { accessJwt: access, refreshJwt, did: 'did:plc:spoolbot', handle: options.identifier, active: true } };
  };
  const bearer = (request: RecordedRequest) => /^Bearer (.+)$/u.exec(request.headers.authorization ?? '')?.[1];
  const byUri = (uri: string) => posts.find((p) => p['uri'] === uri) as FakeBskyPost | undefined;

  const server = await startFakeServer(
    (request) => {
      switch (request.path) {
        case '/xrpc/com.atproto.server.createSession': {
          const body = JSON.parse(request.body || '{}') as { identifier?: string; password?: string };
          if (body.identifier !== options.identifier || body.password !== options.password)
            return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password');
          return newSession();
        }
        case '/xrpc/com.atproto.server.refreshSession': {
          const token = bearer(request);
          if (!token || !refresh.has(token)) return xrpcError(400, 'ExpiredToken', 'Token has expired');
          refresh.delete(token);
          return newSession();
        }
        case '/xrpc/app.bsky.feed.searchPosts': {
          const token = bearer(request);
          if (!token) return xrpcError(403, 'Forbidden', 'search requires authentication');
          if (!valid.has(token)) return xrpcError(400, 'ExpiredToken', 'Token has expired');
          const q = request.query.get('q');
          if (!q) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "q"');
          const limit = Number(request.query.get('limit') ?? 25);
          if (!(limit >= 1 && limit <= 100)) return xrpcError(400, 'InvalidRequest', 'Error: limit can not be greater than 100');
          const tag = request.query.get('tag')?.toLowerCase();
          const since = request.query.get('since');
          let list = posts.filter((p) => {
            const post = p as FakeBskyPost;
            const tags = (post.record?.facets ?? []).flatMap((f) => f.features.map((x) => str(x['tag']).toLowerCase()));
            return (!tag || tags.includes(tag)) && (!since || str(post.indexedAt) >= since);
          });
          list.sort((a, b) => str(b['indexedAt']).localeCompare(str(a['indexedAt'])));
          const offset = Number(request.query.get('cursor') ?? 0);
          list = list.slice(offset);
          const page = list.slice(0, limit);
          return { status: 200, body: { posts: page, hitsTotal: list.length + offset, ...(list.length > limit ? { cursor: String(offset + limit) } : {}) } };
        }
        case '/xrpc/com.atproto.identity.resolveHandle': {
          // The public AppView resolves handles for anyone.
          const handle = (request.query.get('handle') ?? '').toLowerCase();
          const author = (posts as FakeBskyPost[]).find((p) => p.author?.handle.toLowerCase() === handle)?.author;
          return author ? { status: 200, body: { did: author.did } } : xrpcError(400, 'InvalidRequest', 'Unable to resolve handle');
        }
        case '/xrpc/app.bsky.feed.getPostThread': {
          // A PDS answers only a logged-in session; the public AppView (publicReads) answers anyone without a token.
          const token = bearer(request);
          if (!(options.publicReads && token === undefined) && (!token || !valid.has(token))) return xrpcError(400, 'ExpiredToken', 'Token has expired');
          const uri = request.query.get('uri') ?? '';
          const root = byUri(uri);
          if (!root) return xrpcError(400, 'NotFound', `Post not found: ${uri}`);
          if (blocked.has(uri))
            return {
              status: 200,
              body: { thread: { $type: 'app.bsky.feed.defs#blockedPost', uri, blocked: true, author: { did: root.author.did, viewer: { blockedBy: true } } } },
            };
          const depth = Number(request.query.get('depth') ?? 6);
          const node = (post: FakeBskyPost, level: number): Record<string, unknown> => ({
            $type: 'app.bsky.feed.defs#threadViewPost',
            post,
            ...(level < depth
              ? {
                  replies: (posts as FakeBskyPost[])
                    .filter((p) => p.record?.reply?.parent.uri === post.uri)
                    .reverse()
                    .map((p) => node(p, level + 1)),
                }
              : {}),
          });
          // Parents up to parentHeight (default 80), each a node whose `parent` is the next one up.
          const height = Number(request.query.get('parentHeight') ?? 80);
          const parentOf = (post: FakeBskyPost, left: number): Record<string, unknown> | undefined => {
            const up = post.record?.reply ? byUri(post.record.reply.parent.uri) : undefined;
            if (!up || left <= 0) return undefined;
            const parent = parentOf(up, left - 1);
            return { $type: 'app.bsky.feed.defs#threadViewPost', post: up, ...(parent ? { parent } : {}) };
          };
          const parent = parentOf(root, height);
          return { status: 200, body: { thread: { ...node(root, 0), ...(parent ? { parent } : {}) } } };
        }
        default:
          return xrpcError(404, 'MethodNotImplemented', 'Method Not Implemented');
      }
    },
    () => {
      remaining = Math.max(0, remaining - 1);
      return {
        'ratelimit-limit': '3000',
        'ratelimit-remaining': String(remaining),
        'ratelimit-reset': String(Math.floor(now().getTime() / 1000) + 300),
        'ratelimit-policy': '3000;w=300',
      };
    },
  );
  return {
    ...server,
    posts,
    blocked,
    expireAccessTokens: () => valid.clear(),
    searches: () => server.requestsTo('/xrpc/app.bsky.feed.searchPosts'),
  };
}
