import type { MediaRef, Post } from '../core/index.ts';

/**
 * A post's `body` column, compact: one-letter keys, and no field at its default (`url: ''`, zero
 * metrics, not a repost …), which `postSchema` fills in on the way in. The id is a column of its own.
 * Key names were a fifth of every row and defaults another tenth (docs/benchmarks.md).
 *
 *   s  source (left out when it is the id's prefix, `x` for `x:123`)
 *   a  author: [id, handle] · [id, handle, name] · [id, handle, name, 1] for a bot
 *   t  text        c  createdAt     u  url           l  lang
 *   r  replyToId   ra replyToAuthorId (1: the post's own author)   v  conversationId
 *   q  quoteOfId   p  1 for a repost                h  hashtags      x  extraHashtags
 *   m  media       n  [likes, reposts, replies]     d  declaredThreadLength
 *   w  1 for an undated post (createdAt is when Spool first saw it)    o  origin (who says where it came from)
 *   g  attachments (MediaRef[])   k  1 when the source flags it sensitive   cw contentWarning   lb labels
 *   al the author's linked profiles
 *
 * Migration 004 writes the same form from the bodies stored before it.
 */
export interface PostBody {
  s?: string;
  a: [string, string] | [string, string, string] | [string, string, string, 1];
  t: string;
  c: string;
  u?: string;
  l?: string;
  r?: string;
  ra?: string | 1;
  v?: string;
  q?: string;
  p?: 1;
  h?: string[];
  x?: string[];
  m?: number;
  n?: [number, number, number];
  d?: number;
  w?: 1;
  o?: string;
  g?: MediaRef[];
  k?: 1;
  cw?: string;
  lb?: string[];
  al?: string[];
}

const prefixOf = (id: string): string => id.slice(0, id.indexOf(':'));

export function encodePost(post: Post): string {
  const { author, metrics } = post;
  const body: PostBody = {
    a: author.bot ? [author.id, author.handle, author.name, 1] : author.name !== '' ? [author.id, author.handle, author.name] : [author.id, author.handle],
    t: post.text,
    c: post.createdAt,
  };
  if (post.source !== prefixOf(post.id)) body.s = post.source;
  if (post.url !== '') body.u = post.url;
  if (post.lang !== undefined) body.l = post.lang;
  if (post.replyToId !== undefined) body.r = post.replyToId;
  if (post.replyToAuthorId !== undefined) body.ra = post.replyToAuthorId === author.id ? 1 : post.replyToAuthorId;
  if (post.conversationId !== undefined) body.v = post.conversationId;
  if (post.quoteOfId !== undefined) body.q = post.quoteOfId;
  if (post.isRepost) body.p = 1;
  if (post.hashtags !== undefined) body.h = post.hashtags;
  if (post.extraHashtags.length > 0) body.x = post.extraHashtags;
  if (post.media !== 0) body.m = post.media;
  if (metrics.likes !== 0 || metrics.reposts !== 0 || metrics.replies !== 0) body.n = [metrics.likes, metrics.reposts, metrics.replies];
  if (post.declaredThreadLength !== undefined) body.d = post.declaredThreadLength;
  if (post.undated) body.w = 1;
  if (post.origin !== undefined) body.o = post.origin;
  if (post.attachments?.length) body.g = post.attachments;
  if (post.sensitive) body.k = 1;
  if (post.contentWarning !== undefined) body.cw = post.contentWarning;
  if (post.labels?.length) body.lb = post.labels;
  if (author.links?.length) body.al = author.links;
  return JSON.stringify(body);
}

/** The post as `postSchema` gave it, every default filled in again. */
export function decodePost(id: string, text: string): Post {
  const b = JSON.parse(text) as PostBody;
  const [authorId, handle, name = '', bot] = b.a;
  const post: Post = {
    id,
    source: (b.s ?? prefixOf(id)) as Post['source'],
    author: { id: authorId, handle, name, bot: bot === 1, ...(b.al ? { links: b.al } : {}) },
    text: b.t,
    createdAt: b.c,
    url: b.u ?? '',
    isRepost: b.p === 1,
    extraHashtags: b.x ?? [],
    media: b.m ?? 0,
    metrics: b.n ? { likes: b.n[0], reposts: b.n[1], replies: b.n[2] } : { likes: 0, reposts: 0, replies: 0 },
  };
  if (b.l !== undefined) post.lang = b.l;
  if (b.r !== undefined) post.replyToId = b.r;
  if (b.ra !== undefined) post.replyToAuthorId = b.ra === 1 ? authorId : b.ra;
  if (b.v !== undefined) post.conversationId = b.v;
  if (b.q !== undefined) post.quoteOfId = b.q;
  if (b.h !== undefined) post.hashtags = b.h;
  if (b.d !== undefined) post.declaredThreadLength = b.d;
  if (b.w === 1) post.undated = true;
  if (b.o !== undefined) post.origin = b.o;
  if (b.g !== undefined) post.attachments = b.g;
  if (b.k === 1) post.sensitive = true;
  if (b.cw !== undefined) post.contentWarning = b.cw;
  if (b.lb !== undefined) post.labels = b.lb;
  return post;
}
