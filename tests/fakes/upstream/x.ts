import { compareIds, startFakeServer, type FakeServer, type RecordedRequest } from './server.ts';

/** A post as X API v2 returns it with the fields Spool asks for (docs.x.com, Post object). */
export interface FakeXPost {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted' | 'retweeted'; id: string }[];
  entities?: { hashtags?: { start: number; end: number; tag: string }[] };
  note_tweet?: { text: string; entities?: { hashtags?: { start: number; end: number; tag: string }[] } };
  lang?: string;
  public_metrics: { retweet_count: number; reply_count: number; like_count: number; quote_count: number };
  attachments?: { media_keys: string[] };
  /** Served only when `tweet.fields` asks for it, as X does. */
  possibly_sensitive?: boolean;
  edit_history_tweet_ids: string[];
}

/** A media object of `includes.media` (docs.x.com, Media object): `media_key` and `type` always, the rest when `media.fields` asks. */
export interface FakeXMedia {
  media_key: string;
  type: 'photo' | 'video' | 'animated_gif';
  url?: string;
  preview_image_url?: string;
  alt_text?: string;
  width?: number;
  height?: number;
}

export interface FakeXUser {
  id: string;
  username: string;
  name: string;
}

/** Hashtag entities as X computes them: positions in code points of `text`. */
function hashtagEntities(text: string) {
  const chars = [...text];
  const found: { start: number; end: number; tag: string }[] = [];
  const re = /#([\p{L}\p{M}\p{Nd}_]+)/gu;
  const joined = chars.join('');
  for (const m of joined.matchAll(re)) {
    const start = [...joined.slice(0, m.index)].length;
    found.push({ start, end: start + [...m[0]].length, tag: m[1] ?? '' });
  }
  return found;
}

/** Escapes text the way the API does (`&`, `<`, `>`). */
function escape(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/**
 * Builds a post the way X serves it: `text` escaped and, beyond 280 characters, cut with the
 * whole text in `note_tweet`; hashtag entities computed; reply fields filled from `replyTo`.
 */
export function makeXPost(
  user: FakeXUser,
  fields: { id: string; text: string; replyTo?: FakeXPost; retweetOf?: FakeXPost; quoteOf?: FakeXPost; createdAt?: string },
): FakeXPost {
  const long = [...fields.text].length > 280;
  const shown = long ? `${[...fields.text].slice(0, 274).join('')}… https://t.co/x` : fields.text;
  const refs: FakeXPost['referenced_tweets'] = [];
  if (fields.replyTo) refs.push({ type: 'replied_to', id: fields.replyTo.id });
  if (fields.retweetOf) refs.push({ type: 'retweeted', id: fields.retweetOf.id });
  if (fields.quoteOf) refs.push({ type: 'quoted', id: fields.quoteOf.id });
  return {
    id: fields.id,
    text: escape(shown),
    author_id: user.id,
    created_at: fields.createdAt ?? new Date(Date.UTC(2026, 10, 20, 12, 0, Number(fields.id.slice(-4)) % 3600)).toISOString(),
    conversation_id: fields.replyTo?.conversation_id ?? fields.id,
    ...(fields.replyTo ? { in_reply_to_user_id: fields.replyTo.author_id } : {}),
    ...(refs.length > 0 ? { referenced_tweets: refs } : {}),
    entities: { hashtags: hashtagEntities(shown) },
    ...(long ? { note_tweet: { text: fields.text, entities: { hashtags: hashtagEntities(fields.text) } } } : {}),
    lang: 'en',
    public_metrics: { retweet_count: 1, reply_count: 2, like_count: 3, quote_count: 0 },
    edit_history_tweet_ids: [fields.id],
  };
}

/** The same post under the field names of the August 2026 spec. */
export function renameToPostFields(post: FakeXPost): Record<string, unknown> {
  const { referenced_tweets, note_tweet, public_metrics, ...rest } = post;
  return {
    ...rest,
    ...(referenced_tweets ? { referenced_posts: referenced_tweets } : {}),
    ...(note_tweet ? { note_post: note_tweet } : {}),
    public_metrics: {
      repost_count: public_metrics.retweet_count,
      reply_count: public_metrics.reply_count,
      like_count: public_metrics.like_count,
      quote_count: public_metrics.quote_count,
    },
  };
}

export interface FakeX extends FakeServer {
  readonly posts: (FakeXPost | Record<string, unknown>)[];
  readonly users: FakeXUser[];
  readonly media: FakeXMedia[];
  /** Ids of users whose account is protected: their posts are in no search, and a lookup answers "not authorized". */
  readonly protectedUsers: Set<string>;
  /** Serve `referenced_posts` / `note_post` / `includes.posts` instead of the old names. */
  newFieldNames: boolean;
  searches(): RecordedRequest[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * X API v2: recent search (`#tag`, `-is:retweet`, `conversation_id:`, `from:`; `since_id`,
 * `max_results` 10–100, `next_token`), post lookup by ids, bearer token required, rate-limit
 * headers with the reset in epoch seconds, problem+json errors.
 */
export async function startFakeX(options: { token: string; now?: () => Date; recentWindowMs?: number }): Promise<FakeX> {
  const posts: (FakeXPost | Record<string, unknown>)[] = [];
  const users: FakeXUser[] = [];
  const media: FakeXMedia[] = [];
  const protectedUsers = new Set<string>();
  /** Recent search covers the last 7 days (when the test gives the window): older posts are only found by lookup. */
  const searchable = (p: FakeXPost | Record<string, unknown>): boolean =>
    !protectedUsers.has(str(p['author_id'])) &&
    (options.recentWindowMs === undefined || Date.parse(str(p['created_at'])) >= now().getTime() - options.recentWindowMs);
  const now = options.now ?? (() => new Date());
  let remaining = 450;
  const state = { newFieldNames: false };
  const out = (p: FakeXPost | Record<string, unknown>) =>
    state.newFieldNames && 'public_metrics' in p && typeof p['id'] === 'string' ? renameToPostFields(p as FakeXPost) : p;

  function respond(list: (FakeXPost | Record<string, unknown>)[], request: RecordedRequest, meta: Record<string, unknown>) {
    const expansions = request.query.get('expansions') ?? '';
    const authorIds = new Set(list.map((p) => str(p['author_id'])));
    const includes: Record<string, unknown> = {};
    if (expansions.includes('author_id')) includes['users'] = users.filter((u) => authorIds.has(u.id));
    if (expansions.includes('referenced_tweets.id')) {
      const ids = new Set(list.flatMap((p) => ((p as FakeXPost).referenced_tweets ?? []).map((r) => r.id)));
      const referenced = posts.filter((p) => ids.has(str(p['id'])));
      if (referenced.length > 0) includes[state.newFieldNames ? 'posts' : 'tweets'] = referenced.map(out);
    }
    if (expansions.includes('attachments.media_keys')) {
      const keys = new Set(list.flatMap((p) => (p as FakeXPost).attachments?.media_keys ?? []));
      const fields = new Set((request.query.get('media.fields') ?? '').split(','));
      const served = media
        .filter((m) => keys.has(m.media_key))
        .map((m) => Object.fromEntries(Object.entries(m).filter(([k]) => k === 'media_key' || k === 'type' || fields.has(k))));
      if (served.length > 0) includes['media'] = served;
    }
    const tweetFields = new Set((request.query.get('tweet.fields') ?? '').split(','));
    const shown = list.map((p) => {
      if (tweetFields.has('possibly_sensitive') || !('possibly_sensitive' in p)) return out(p);
      const { possibly_sensitive: _hidden, ...rest } = p as FakeXPost;
      return out(rest as FakeXPost);
    });
    return { status: 200, body: { ...(list.length > 0 ? { data: shown } : {}), includes, meta } };
  }

  const server = await startFakeServer(
    (request) => {
      if (request.headers.authorization !== `Bearer ${options.token}`) {
        return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
      }
      if (request.path === '/2/tweets/search/recent') {
        const max = Number(request.query.get('max_results') ?? 10);
        if (!(max >= 10 && max <= 100)) {
          return {
            status: 400,
            body: { title: 'Invalid Request', detail: 'max_results must be between 10 and 100', type: 'https://api.x.com/2/problems/invalid-request' },
          };
        }
        // Terms are ANDed; one parenthesised group of terms joined by OR is accepted.
        const query = request.query.get('query') ?? '';
        const group = /\(([^)]*)\)/u.exec(query);
        const alternatives = group ? (group[1] ?? '').split(/\s+OR\s+/u).map((t) => t.trim()) : [];
        const terms = query
          .replace(/\([^)]*\)/u, ' ')
          .split(/\s+/u)
          .filter(Boolean);
        const matches = (p: FakeXPost | Record<string, unknown>, term: string): boolean => {
          const post = p as FakeXPost;
          const tagged = (tag: string) =>
            [...(post.entities?.hashtags ?? []), ...(post.note_tweet?.entities?.hashtags ?? [])].some((h) => h.tag.toLowerCase() === tag.toLowerCase());
          if (term === '-is:retweet') return !(post.referenced_tweets ?? []).some((r) => r.type === 'retweeted');
          if (term.startsWith('#')) return tagged(term.slice(1));
          if (term.startsWith('conversation_id:')) return post.conversation_id === term.slice('conversation_id:'.length);
          if (term.startsWith('from:')) return users.find((u) => u.id === post.author_id)?.username.toLowerCase() === term.slice(5).toLowerCase();
          return str(post.text).includes(term);
        };
        let list = posts.filter(
          (p) => searchable(p) && (alternatives.length === 0 || alternatives.some((t) => matches(p, t))) && terms.every((t) => matches(p, t)),
        );
        list.sort((a, b) => compareIds(str(b['id']), str(a['id'])));
        const sinceId = request.query.get('since_id');
        if (sinceId) list = list.filter((p) => compareIds(str(p['id']), sinceId) > 0);
        const offset = Number(request.query.get('next_token') ?? 0);
        const page = list.slice(offset, offset + max);
        const meta: Record<string, unknown> = { result_count: page.length };
        if (page.length > 0) {
          meta['newest_id'] = str(page[0]?.['id']);
          meta['oldest_id'] = str(page.at(-1)?.['id']);
        }
        if (offset + max < list.length) meta['next_token'] = String(offset + max);
        return respond(page, request, meta);
      }
      if (request.path === '/2/tweets') {
        // A lookup answers what it can and lists the rest as partial errors, with status 200 (docs.x.com, "Partial errors").
        const ids = (request.query.get('ids') ?? '').split(',');
        const found = posts.filter((p) => ids.includes(str(p['id'])));
        const visible = found.filter((p) => !protectedUsers.has(str(p['author_id'])));
        const errors = ids.flatMap((id) => {
          const post = found.find((p) => str(p['id']) === id);
          if (post && !protectedUsers.has(str(post['author_id']))) return [];
          return post
            ? [
                {
                  value: id,
                  detail: `Sorry, you are not authorized to see the Tweet with ids: [${id}].`,
                  title: 'Authorization Error',
                  resource_type: 'tweet',
                  parameter: 'ids',
                  resource_id: id,
                  section: 'data',
                  type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
                },
              ]
            : [
                {
                  value: id,
                  detail: `Could not find tweet with ids: [${id}].`,
                  title: 'Not Found Error',
                  resource_type: 'tweet',
                  parameter: 'ids',
                  resource_id: id,
                  type: 'https://api.twitter.com/2/problems/resource-not-found',
                },
              ];
        });
        const answer = respond(visible, request, {});
        return errors.length > 0 ? { ...answer, body: { ...answer.body, errors } } : answer;
      }
      return { status: 404, body: { title: 'Not Found Error', status: 404 } };
    },
    () => {
      remaining = Math.max(0, remaining - 1);
      return {
        'x-rate-limit-limit': '450',
        'x-rate-limit-remaining': String(remaining),
        'x-rate-limit-reset': String(Math.floor(now().getTime() / 1000) + 900),
      };
    },
  );
  return {
    ...server,
    posts,
    users,
    media,
    protectedUsers,
    get newFieldNames() {
      return state.newFieldNames;
    },
    set newFieldNames(value: boolean) {
      state.newFieldNames = value;
    },
    searches: () => server.requestsTo('/2/tweets/search/recent'),
  };
}
