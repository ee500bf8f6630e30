import type { Post } from '../core/index.ts';

/**
 * A post's `body` column: the post without its id (a column of its own) and without any field at its
 * default (`url: ''`, `isRepost: false`, zero metrics …), which `postSchema` fills in on the way in.
 * Most posts carry half their fields at the default; leaving them out saves ~90 bytes a post.
 */
export function encodePost(post: Post): string {
  const { author, metrics } = post;
  const body: Record<string, unknown> = {
    source: post.source,
    author: author.name === '' && !author.bot ? { id: author.id, handle: author.handle } : author.bot ? author : { id: author.id, handle: author.handle, name: author.name },
    text: post.text,
    createdAt: post.createdAt,
  };
  if (post.url !== '') body['url'] = post.url;
  if (post.lang !== undefined) body['lang'] = post.lang;
  if (post.replyToId !== undefined) body['replyToId'] = post.replyToId;
  if (post.replyToAuthorId !== undefined) body['replyToAuthorId'] = post.replyToAuthorId;
  if (post.conversationId !== undefined) body['conversationId'] = post.conversationId;
  if (post.quoteOfId !== undefined) body['quoteOfId'] = post.quoteOfId;
  if (post.isRepost) body['isRepost'] = true;
  if (post.hashtags !== undefined) body['hashtags'] = post.hashtags;
  if (post.extraHashtags.length > 0) body['extraHashtags'] = post.extraHashtags;
  if (post.media !== 0) body['media'] = post.media;
  if (metrics.likes !== 0 || metrics.reposts !== 0 || metrics.replies !== 0) body['metrics'] = metrics;
  if (post.declaredThreadLength !== undefined) body['declaredThreadLength'] = post.declaredThreadLength;
  return JSON.stringify(body);
}

type StoredBody = Omit<Partial<Post>, 'id' | 'author'> & { author: Partial<Post['author']> & { id: string; handle: string } };

const NO_METRICS = Object.freeze({ likes: 0, reposts: 0, replies: 0 });
const NO_TAGS: readonly string[] = Object.freeze([]);

/** The post as `postSchema` gave it: every default filled in again (bodies written before 004 keep theirs). */
export function decodePost(id: string, body: string): Post {
  const b = JSON.parse(body) as StoredBody;
  return {
    ...b,
    id,
    source: b.source ?? 'jsonl',
    author: { id: b.author.id, handle: b.author.handle, name: b.author.name ?? '', bot: b.author.bot ?? false },
    text: b.text ?? '',
    createdAt: b.createdAt ?? '',
    url: b.url ?? '',
    isRepost: b.isRepost ?? false,
    extraHashtags: b.extraHashtags ?? (NO_TAGS as string[]),
    media: b.media ?? 0,
    metrics: b.metrics ?? NO_METRICS,
  };
}
