import { z } from 'zod';
import { labelsFromWarning, mediaRef, normalizeHashtag, type MediaRef, type PostInput } from '../core/index.ts';
import { profileLinksOf } from './profile-links.ts';
import { htmlToText } from './html-text.ts';
import { collect, emptyPage, timestampField, type ParsedPage } from './parsed.ts';

/**
 * Mastodon statuses (REST API v1) → core posts, keyed by what is the same on every instance
 * (docs/adr/0006): a status by its ActivityPub `uri` (`mastodon:https://origin/users/a/statuses/1`),
 * an author by their profile `url`, a handle as `user@domain`. The same status served by two
 * instances is then one post.
 *
 * `id`, `in_reply_to_id` and `in_reply_to_account_id` are local to the instance that served the
 * answer. They are resolved to uris through a `MastodonScope`: every status seen in answers from
 * that instance (one poll round, one imported file). A reference the scope cannot resolve keeps
 * the instance's name, `mastodon:host/statuses/ID`: it never matches a post, so the thread shows a
 * gap there instead of a wrong link. Reblogs and non-public statuses are skipped; a content
 * warning, the `sensitive` flag and the media (as references) are kept beside the text.
 */
const accountSchema = z.object({
  id: z.string().min(1),
  acct: z.string().min(1),
  username: z.string().optional(),
  display_name: z.string().default(''),
  url: z.string().min(1),
  bot: z.boolean().nullish(),
  /** Profile fields: `value` is HTML; `verified_at` is set when the linked page links back (rel=me). */
  fields: z.array(z.object({ name: z.string().default(''), value: z.string().default(''), verified_at: z.string().nullish() })).nullish(),
});

/** A media attachment (Mastodon `MediaAttachment`); `meta` sizes are optional on every server. */
const mediaSize = z.object({ width: z.number().int().optional(), height: z.number().int().optional() }).partial().nullish();
const attachmentSchema = z.object({
  type: z.string(),
  url: z.string().nullish(),
  preview_url: z.string().nullish(),
  remote_url: z.string().nullish(),
  description: z.string().nullish(),
  meta: z.object({ original: mediaSize, small: mediaSize }).partial().nullish(),
});

const MASTODON_MEDIA_TYPES: Record<string, MediaRef['type']> = { image: 'image', video: 'video', gifv: 'gifv', audio: 'audio' };

function attachmentRef(raw: unknown): MediaRef | undefined {
  const parsed = attachmentSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  const type = MASTODON_MEDIA_TYPES[a.type] ?? 'other';
  return mediaRef({
    // A remote status's `url` is this instance's cached copy; `remote_url` is the origin's, kept when the cache is missing.
    url: a.url ?? a.remote_url,
    type,
    alt: a.description,
    width: a.meta?.original?.width,
    height: a.meta?.original?.height,
    previewUrl: type === 'image' ? undefined : a.preview_url,
  });
}

export const mastodonStatusSchema = z.object({
  id: z.string().min(1),
  uri: z.string().min(1),
  url: z.string().nullish(),
  created_at: timestampField,
  account: accountSchema,
  content: z.string(),
  spoiler_text: z.string().default(''),
  sensitive: z.boolean().default(false),
  visibility: z.string().default('public'),
  in_reply_to_id: z.string().nullish(),
  in_reply_to_account_id: z.string().nullish(),
  reblog: z.unknown().nullish(),
  tags: z.array(z.object({ name: z.string() })).default([]),
  language: z.string().nullish(),
  replies_count: z.number().int().nonnegative().default(0),
  reblogs_count: z.number().int().nonnegative().default(0),
  favourites_count: z.number().int().nonnegative().default(0),
  media_attachments: z.array(z.unknown()).default([]),
});
export type MastodonStatus = z.infer<typeof mastodonStatusSchema>;

/** What the answers of one instance have told so far: its local ids mapped to global ones. */
export interface MastodonScope {
  /** The serving instance's host; undefined for a saved answer that does not say (see `needsInstance`). */
  readonly host: string | undefined;
  /** Local status id → post id (`mastodon:<uri>`). */
  readonly posts: Map<string, string>;
  /** Post id → local status id (what `/statuses/:id/context` is asked with). */
  readonly locals: Map<string, string>;
  /** Local account id → author id. */
  readonly authors: Map<string, string>;
}

export function createMastodonScope(host: string | undefined): MastodonScope {
  return { host, posts: new Map(), locals: new Map(), authors: new Map() };
}

export const mastodonPostId = (uri: string): string => `mastodon:${uri}`;
const authorId = (account: { url: string }): string => `mastodon:${account.url}`;

/** `user@domain` for every account: a local account's `acct` lacks the domain, its profile URL has it. */
function fullHandle(account: { acct: string; url: string }): string {
  if (account.acct.includes('@')) return account.acct;
  try {
    return `${account.acct}@${new URL(account.url).host}`;
  } catch {
    return account.acct;
  }
}

/** One local id known from elsewhere (a watched thread's root, which its own context answer leaves out). */
export function learnLocalId(scope: MastodonScope, local: string, postId: string): void {
  scope.posts.set(local, postId);
  scope.locals.set(postId, local);
}

const idsSchema = z.object({ id: z.string().min(1), uri: z.string().min(1), account: z.object({ id: z.string().min(1), url: z.string().min(1) }) });

/** Adds the local ids of every well-formed status in `items` (reblogged ones included) to the scope. */
export function learnMastodonIds(scope: MastodonScope, items: readonly unknown[]): void {
  for (const raw of items) {
    for (const candidate of [raw, (raw as { reblog?: unknown } | null)?.reblog]) {
      const status = idsSchema.safeParse(candidate);
      if (!status.success) continue;
      learnLocalId(scope, status.data.id, mastodonPostId(status.data.uri));
      scope.authors.set(status.data.account.id, authorId(status.data.account));
    }
  }
}

export function mastodonStatusToPost(status: MastodonStatus, scope: MastodonScope): PostInput | undefined {
  if (status.reblog) return undefined;
  if (status.visibility === 'private' || status.visibility === 'direct') return undefined;
  const text = htmlToText(status.content);
  // The content warning stays apart from the text: chats show it in the clear above a spoiler.
  const warning = status.spoiler_text.trim();
  const attachments = status.media_attachments.map(attachmentRef).filter((m): m is MediaRef => m !== undefined);
  const links = profileLinksOf(status.account);
  const author = authorId(status.account);
  const local = (kind: string, id: string): string => `mastodon:${scope.host ?? 'unknown-instance'}/${kind}/${id}`;
  const parent = status.in_reply_to_id;
  const parentAuthor = status.in_reply_to_account_id;
  return {
    id: mastodonPostId(status.uri),
    source: 'mastodon',
    author: {
      id: author,
      handle: fullHandle(status.account),
      name: status.account.display_name,
      bot: status.account.bot ?? false,
      ...(links.length > 0 ? { links } : {}),
    },
    text,
    createdAt: status.created_at,
    url: status.url ?? status.uri,
    ...(status.language ? { lang: status.language } : {}),
    ...(parent ? { replyToId: scope.posts.get(parent) ?? local('statuses', parent) } : {}),
    ...(parentAuthor
      ? { replyToAuthorId: parentAuthor === status.account.id ? author : (scope.authors.get(parentAuthor) ?? local('accounts', parentAuthor)) }
      : {}),
    hashtags: [...new Set(status.tags.map((t) => normalizeHashtag(t.name)).filter((t) => t.length > 0))],
    media: status.media_attachments.length,
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(status.sensitive || warning ? { sensitive: true } : {}),
    ...(warning ? { contentWarning: warning } : {}),
    ...(labelsFromWarning(warning).length > 0 ? { labels: labelsFromWarning(warning) } : {}),
    metrics: { likes: status.favourites_count, reposts: status.reblogs_count, replies: status.replies_count },
  };
}

/** A list of statuses (a timeline page, or a context's ancestors + descendants), item by item. */
export function parseMastodonStatuses(items: readonly unknown[], scope: MastodonScope): ParsedPage {
  learnMastodonIds(scope, items);
  const page = emptyPage();
  for (const raw of items) collect(page, 'status', raw, mastodonStatusSchema, (s) => mastodonStatusToPost(s, scope));
  return page;
}

/**
 * The instance a saved answer came from, when the answer proves it: a local account (its `acct`
 * has no `@domain`) has its profile on the serving instance. Nothing is guessed from status URLs,
 * which point wherever a status was first posted.
 */
export function provenMastodonHost(items: readonly unknown[]): string | undefined {
  for (const raw of items) {
    const parsed = z.object({ account: z.object({ acct: z.string(), url: z.string() }) }).safeParse(raw);
    if (!parsed.success || parsed.data.account.acct.includes('@')) continue;
    try {
      return new URL(parsed.data.account.url).host;
    } catch {
      // not a URL: look further
    }
  }
  return undefined;
}

/** True when some reply in `items` points at a status or account the items do not include: naming it needs the instance. */
export function hasUnresolvedReferences(items: readonly unknown[], scope: MastodonScope): boolean {
  return items.some((raw) => {
    const status = mastodonStatusSchema.safeParse(raw);
    if (!status.success || status.data.reblog) return false;
    const { in_reply_to_id: parent, in_reply_to_account_id: parentAuthor, account } = status.data;
    return Boolean((parent && !scope.posts.has(parent)) || (parentAuthor && parentAuthor !== account.id && !scope.authors.has(parentAuthor)));
  });
}
