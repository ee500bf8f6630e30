import { decodeHTML } from 'entities';
import { z } from 'zod';
import { mediaRef, normalizeHashtag, type MediaRef, type PostInput } from '../core/index.ts';
import { collect, emptyPage, timestampField, type ParsedPage } from './parsed.ts';

/**
 * X API v2 posts → core posts. Since August 2026 the spec also writes `note_post` and
 * `referenced_posts` (and `repost_count`) where it wrote `note_tweet`, `referenced_tweets`
 * (`retweet_count`): both spellings are read. `text` is cut for long posts and HTML-escaped;
 * the note's text is whole.
 */
const hashtagEntities = z.object({ hashtags: z.array(z.object({ tag: z.string() })).optional() });
const note = z.object({ text: z.string(), entities: hashtagEntities.optional() });
const reference = z.object({ type: z.string(), id: z.string().regex(/^\d+$/u) });
const numeric = z.number().int().nonnegative().optional();

export const xPostSchema = z.object({
  id: z.string().regex(/^\d+$/u, 'not an X id'),
  text: z.string(),
  author_id: z.string().min(1),
  created_at: timestampField,
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(reference).optional(),
  referenced_posts: z.array(reference).optional(),
  note_tweet: note.optional(),
  note_post: note.optional(),
  entities: hashtagEntities.optional(),
  lang: z.string().optional(),
  public_metrics: z.object({ like_count: numeric, retweet_count: numeric, repost_count: numeric, reply_count: numeric, quote_count: numeric }).optional(),
  attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
  possibly_sensitive: z.boolean().optional(),
});
export type XPost = z.infer<typeof xPostSchema>;

const xUserSchema = z.object({ id: z.string(), username: z.string().min(1), name: z.string().default('') });
export type XUser = z.infer<typeof xUserSchema>;

/** `includes.media[]` (with `media.fields=url,preview_image_url,alt_text,width,height,type`). */
const xMediaSchema = z.object({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
  alt_text: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});

const X_MEDIA_TYPES: Record<string, MediaRef['type']> = { photo: 'image', video: 'video', animated_gif: 'gifv' };

/** One included media object as a reference; a video without a URL keeps its still as the preview. */
function xMediaRef(raw: unknown): [string, MediaRef] | undefined {
  const media = xMediaSchema.safeParse(raw);
  if (!media.success) return undefined;
  const m = media.data;
  const type = X_MEDIA_TYPES[m.type] ?? 'other';
  // X gives a video no playable URL without `variants`: its still stands for it (and is its picture).
  const ref = mediaRef({
    url: m.url ?? m.preview_image_url,
    type,
    alt: m.alt_text,
    width: m.width,
    height: m.height,
    previewUrl: type === 'image' ? undefined : m.preview_image_url,
  });
  return ref ? [m.media_key, ref] : undefined;
}

/** A search or lookup response: items are checked one by one later, so they stay `unknown` here. */
export const xPageSchema = z.object({
  data: z.array(z.unknown()).default([]),
  includes: z
    .object({
      users: z.array(z.unknown()).default([]),
      tweets: z.array(z.unknown()).optional(),
      posts: z.array(z.unknown()).optional(),
      media: z.array(z.unknown()).optional(),
    })
    .default({ users: [] }),
  meta: z.object({ newest_id: z.string().optional(), next_token: z.string().optional(), result_count: z.number().optional() }).default({}),
});

function references(post: XPost): z.infer<typeof reference>[] {
  return post.referenced_posts ?? post.referenced_tweets ?? [];
}

export function xPostToPost(post: XPost, users: ReadonlyMap<string, XUser>, media: ReadonlyMap<string, MediaRef> = new Map()): PostInput | undefined {
  const refs = references(post);
  if (refs.some((r) => r.type === 'retweeted' || r.type === 'reposted')) return undefined;
  const user = users.get(post.author_id);
  const longText = post.note_post ?? post.note_tweet;
  const entities = longText?.entities ?? post.entities;
  const repliedTo = refs.find((r) => r.type === 'replied_to')?.id;
  const quoted = refs.find((r) => r.type === 'quoted')?.id;
  const metrics = post.public_metrics;
  const lang = post.lang && /^[a-z]{2}$/u.test(post.lang) ? post.lang : undefined;
  const handle = user?.username ?? post.author_id;
  const keys = post.attachments?.media_keys ?? [];
  const attachments = keys.map((k) => media.get(k)).filter((m): m is MediaRef => m !== undefined);
  return {
    id: `x:${post.id}`,
    source: 'x',
    author: { id: post.author_id, handle, name: user?.name ?? '' },
    text: decodeHTML(longText?.text ?? post.text),
    createdAt: post.created_at,
    url: `https://x.com/${user ? handle : 'i'}/status/${post.id}`,
    ...(lang ? { lang } : {}),
    ...(repliedTo ? { replyToId: `x:${repliedTo}` } : {}),
    ...(post.in_reply_to_user_id ? { replyToAuthorId: post.in_reply_to_user_id } : {}),
    ...(post.conversation_id ? { conversationId: `x:${post.conversation_id}` } : {}),
    ...(quoted ? { quoteOfId: `x:${quoted}` } : {}),
    ...(entities ? { hashtags: [...new Set((entities.hashtags ?? []).map((h) => normalizeHashtag(h.tag)))] } : {}),
    media: keys.length,
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(post.possibly_sensitive ? { sensitive: true } : {}),
    metrics: {
      likes: metrics?.like_count ?? 0,
      reposts: (metrics?.repost_count ?? metrics?.retweet_count ?? 0) + (metrics?.quote_count ?? 0),
      replies: metrics?.reply_count ?? 0,
    },
  };
}

export interface XParsedPage extends ParsedPage {
  readonly newestId: string | undefined;
  readonly nextToken: string | undefined;
}

/**
 * One response page. Included posts (the expansion of `referenced_tweets.id`) are kept only when
 * they are the parent of the same author's reply: a thread's earlier post, often without the tag.
 */
export function parseXPage(body: unknown): XParsedPage {
  const page = xPageSchema.safeParse(body);
  if (!page.success) return { posts: [], issues: ['page: not an X API v2 response'], skipped: 0, newestId: undefined, nextToken: undefined };
  const users = new Map<string, XUser>();
  for (const raw of page.data.includes.users) {
    const user = xUserSchema.safeParse(raw);
    if (user.success) users.set(user.data.id, user.data);
  }
  const media = new Map((page.data.includes.media ?? []).map(xMediaRef).filter((m): m is [string, MediaRef] => m !== undefined));
  const result = emptyPage();
  for (const raw of page.data.data) collect(result, 'post', raw, xPostSchema, (p) => xPostToPost(p, users, media));
  const selfParents = new Set(result.posts.filter((p) => p.replyToId && p.replyToAuthorId === p.author.id).map((p) => p.replyToId));
  const included = page.data.includes.posts ?? page.data.includes.tweets ?? [];
  const known = new Set(result.posts.map((p) => p.id));
  const extra = emptyPage();
  for (const raw of included) {
    collect(extra, 'included post', raw, xPostSchema, (p) =>
      selfParents.has(`x:${p.id}`) && !known.has(`x:${p.id}`) ? xPostToPost(p, users, media) : undefined,
    );
  }
  return {
    posts: [...result.posts, ...extra.posts],
    issues: [...result.issues, ...extra.issues],
    skipped: result.skipped,
    newestId: page.data.meta.newest_id,
    nextToken: page.data.meta.next_token,
  };
}
