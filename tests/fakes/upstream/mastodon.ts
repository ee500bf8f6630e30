import { compareIds, startFakeServer, type FakeServer, type RecordedRequest } from './server.ts';

/** A status in the shape of Mastodon's REST API v1 (docs.joinmastodon.org/entities/Status). */
export interface FakeStatus {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  account: { id: string; username: string; acct: string; display_name: string; url: string; bot: boolean; fields?: FakeField[] };
  content: string;
  spoiler_text: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  sensitive: boolean;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  reblog: FakeStatus | null;
  tags: { name: string; url: string }[];
  language: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  media_attachments: FakeMediaAttachment[];
  mentions: unknown[];
  emojis: unknown[];
}

/** docs.joinmastodon.org/entities/MediaAttachment */
export interface FakeMediaAttachment {
  id: string;
  type: 'image' | 'gifv' | 'video' | 'audio' | 'unknown';
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  meta?: { original?: { width?: number; height?: number; size?: string; aspect?: number }; small?: { width?: number; height?: number } };
  description: string | null;
  blurhash: string | null;
}

/** docs.joinmastodon.org/entities/Account#fields: `value` is HTML; `verified_at` when the page links back. */
export interface FakeField {
  name: string;
  value: string;
  verified_at: string | null;
}

export interface FakeAccount {
  id: string;
  username: string;
  bot?: boolean;
  name?: string;
  fields?: FakeField[];
}

/** Builds a status the way the instance at `origin` would serve it; tags are taken from `tags`. */
export function makeStatus(
  origin: string,
  account: FakeAccount,
  fields: { id: string; content: string; tags?: string[]; replyTo?: FakeStatus; createdAt?: string } & Omit<Partial<FakeStatus>, 'tags'>,
): FakeStatus {
  const { id, content, tags = [], replyTo, createdAt, ...rest } = fields;
  return {
    id,
    uri: `${origin}/users/${account.username}/statuses/${id}`,
    url: `${origin}/@${account.username}/${id}`,
    created_at: createdAt ?? new Date(Date.UTC(2026, 10, 20, 12, 0, Number(id.slice(-4)) % 3600)).toISOString(),
    account: {
      id: account.id,
      username: account.username,
      acct: account.username,
      display_name: account.name ?? account.username,
      url: `${origin}/@${account.username}`,
      bot: account.bot ?? false,
      ...(account.fields ? { fields: account.fields } : {}),
    },
    content,
    spoiler_text: '',
    visibility: 'public',
    sensitive: false,
    in_reply_to_id: replyTo?.id ?? null,
    in_reply_to_account_id: replyTo?.account.id ?? null,
    reblog: null,
    tags: tags.map((name) => ({ name, url: `${origin}/tags/${name}` })),
    language: 'en',
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    media_attachments: [],
    mentions: [],
    emojis: [],
    ...rest,
  };
}

export interface FakeMastodon extends FakeServer {
  /** Statuses the instance knows; add more between polls. Raw values may be malformed on purpose. */
  readonly statuses: (FakeStatus | Record<string, unknown>)[];
  /** Like an instance in limited federation mode (DISALLOW_UNAUTHENTICATED_API_ACCESS): every API call without a login is 401. */
  requireLogin: boolean;
  timelineRequests(): RecordedRequest[];
}

const MAX_LIMIT = 40;

/**
 * A Mastodon instance: the tag timeline (limit ≤ 40, max_id / since_id / min_id, Link header)
 * and status context, with `X-RateLimit-*` headers (reset as an ISO time) on every answer.
 */
export async function startFakeMastodon(options: { now?: () => Date } = {}): Promise<FakeMastodon> {
  const statuses: (FakeStatus | Record<string, unknown>)[] = [];
  let remaining = 300;
  const now = options.now ?? (() => new Date());
  let base = '';
  const state = { requireLogin: false };
  const byId = (id: string) => statuses.find((s) => s['id'] === id) as FakeStatus | undefined;
  /** What an anonymous reader may see: public and unlisted statuses (private and direct ones are "not found"). */
  const visible = (s: FakeStatus | undefined): s is FakeStatus =>
    s !== undefined && (s.visibility === 'public' || s.visibility === 'unlisted' || s.visibility === undefined);
  const notFound = { status: 404, body: { error: 'Record not found' } };

  const server = await startFakeServer(
    (request) => {
      if (state.requireLogin && request.path.startsWith('/api/') && !request.headers.authorization) {
        return { status: 401, body: { error: 'This API requires an authenticated user' } };
      }
      const single = /^\/api\/v1\/statuses\/([^/]+)$/u.exec(request.path);
      if (single && request.method === 'GET') {
        const status = byId(decodeURIComponent(single[1] ?? ''));
        return visible(status) ? { status: 200, body: status } : notFound;
      }
      const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/u.exec(request.path);
      if (tag && request.method === 'GET') {
        const name = decodeURIComponent(tag[1] ?? '').toLowerCase();
        const limit = Math.min(MAX_LIMIT, Number(request.query.get('limit') ?? 20));
        const maxId = request.query.get('max_id');
        const sinceId = request.query.get('since_id');
        const minId = request.query.get('min_id');
        let list = statuses.filter((s) => {
          const st = s as FakeStatus;
          return (
            typeof st.id === 'string' &&
            (st.visibility === 'public' || st.visibility === undefined) &&
            (Array.isArray(st.tags) ? st.tags.some((t) => t.name.toLowerCase() === name) : true)
          );
        });
        list.sort((a, b) => compareIds(String(b['id']), String(a['id'])));
        if (maxId) list = list.filter((s) => compareIds(String(s['id']), maxId) < 0);
        if (sinceId) list = list.filter((s) => compareIds(String(s['id']), sinceId) > 0);
        // min_id: the page right after min_id (oldest of the newer ones), still newest first.
        if (minId) list = list.filter((s) => compareIds(String(s['id']), minId) > 0).slice(-limit);
        else list = list.slice(0, limit);
        const headers: Record<string, string> = {};
        const first = list[0];
        const last = list.at(-1);
        if (first && last) {
          const link = `${base}${request.path}`;
          headers['link'] =
            `<${link}?limit=${limit}&max_id=${String(last['id'])}>; rel="next", <${link}?limit=${limit}&min_id=${String(first['id'])}>; rel="prev"`;
        }
        return { status: 200, headers, body: list };
      }
      const context = /^\/api\/v1\/statuses\/([^/]+)\/context$/u.exec(request.path);
      if (context && request.method === 'GET') {
        const status = byId(decodeURIComponent(context[1] ?? ''));
        if (!visible(status)) return notFound;
        const ancestors: FakeStatus[] = [];
        for (
          let parent = status.in_reply_to_id ? byId(status.in_reply_to_id) : undefined;
          parent;
          parent = parent.in_reply_to_id ? byId(parent.in_reply_to_id) : undefined
        ) {
          if (visible(parent)) ancestors.unshift(parent);
        }
        const descendants: FakeStatus[] = [];
        const walk = (id: string): void => {
          for (const child of statuses as FakeStatus[]) {
            if (child.in_reply_to_id === id) {
              if (visible(child)) descendants.push(child);
              walk(child.id);
            }
          }
        };
        walk(status.id);
        return { status: 200, body: { ancestors, descendants } };
      }
      return { status: 404, body: { error: 'Not found' } };
    },
    () => {
      remaining = Math.max(0, remaining - 1);
      return {
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': new Date(now().getTime() + 5 * 60_000).toISOString(),
      };
    },
  );
  base = server.url;
  return {
    ...server,
    statuses,
    get requireLogin() {
      return state.requireLogin;
    },
    set requireLogin(value: boolean) {
      state.requireLogin = value;
    },
    timelineRequests: () => server.requestsTo('/api/v1/timelines/tag/'),
  };
}
