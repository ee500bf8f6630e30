import { z } from 'zod';
import { mediaRef, normalizeHashtag, normalizeLabels, type MediaRef, type PostInput } from '../core/index.ts';
import { collect, emptyPage, timestampField, type ParsedPage } from './parsed.ts';

/**
 * Bluesky post views (app.bsky.feed.defs#postView) → core posts. Facet offsets count UTF-8 bytes,
 * not UTF-16 units: links the app shortened in the text ("example.com/very-lo...") are restored
 * from their facet by byte range. Replies name their parent and root by at:// URI, whose authority
 * is the author's DID: that is how a reply whose parent we lack is known to be a self-reply.
 */
const strongRef = z.object({ uri: z.string().startsWith('at://'), cid: z.string().optional() });
const facetSchema = z.object({
  index: z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() }),
  features: z.array(z.looseObject({ $type: z.string(), tag: z.string().optional(), uri: z.string().optional() })),
});

export const blueskyPostViewSchema = z.object({
  uri: z.string().regex(/^at:\/\/[^/]+\/app\.bsky\.feed\.post\/[^/]+$/u, 'not an at:// post URI'),
  cid: z.string().optional(),
  author: z.object({ did: z.string().startsWith('did:'), handle: z.string().min(1), displayName: z.string().optional() }),
  record: z.object({
    text: z.string(),
    createdAt: timestampField,
    reply: z.object({ root: strongRef, parent: strongRef }).optional(),
    facets: z.array(facetSchema).optional(),
    langs: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
    embed: z.looseObject({ $type: z.string() }).optional(),
    /** Self-labels: `{ $type: 'com.atproto.label.defs#selfLabels', values: [{ val }] }`. */
    labels: z.looseObject({ values: z.array(z.object({ val: z.string() })).optional() }).optional(),
  }),
  /** The hydrated embed (`app.bsky.embed.images#view` …): image URLs live here, not in the record's blob refs. */
  embed: z.looseObject({ $type: z.string() }).optional(),
  /** Labels applied to the post by the author (self-labels) and by moderation services; `neg` retracts one. */
  labels: z.array(z.object({ val: z.string(), neg: z.boolean().optional(), uri: z.string().optional(), src: z.string().optional() })).optional(),
  replyCount: z.number().int().nonnegative().default(0),
  repostCount: z.number().int().nonnegative().default(0),
  likeCount: z.number().int().nonnegative().default(0),
  quoteCount: z.number().int().nonnegative().default(0),
  indexedAt: z.string().optional(),
});
export type BlueskyPostView = z.infer<typeof blueskyPostViewSchema>;

/** The DID in `at://did:plc:abc/app.bsky.feed.post/xyz`. */
export function didOfUri(uri: string): string {
  return uri.slice('at://'.length).split('/')[0] ?? '';
}

export function blueskyId(uri: string): string {
  return `bluesky:${uri}`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const DOTS = encoder.encode('...');
const ELLIPSIS = encoder.encode('…');

/** Whether `bytes[start, end)` ends with "..." or "…": the app shortened the link shown there. */
function endsShortened(bytes: Uint8Array, start: number, end: number): boolean {
  const endsWith = (tail: Uint8Array): boolean => end - start >= tail.length && tail.every((b, i) => bytes[end - tail.length + i] === b);
  return endsWith(DOTS) || endsWith(ELLIPSIS);
}

/**
 * Puts each shortened link's full URI back into the text, working on UTF-8 bytes as facets do.
 * One pass over the facets in text order, slicing views of the bytes (no copy per facet: copying
 * the whole text for each of thousands of facets took 9.8 s for 100 KB, issue 12). Overlapping
 * facets are hostile or broken: the first one wins.
 */
function expandLinks(text: string, facets: readonly z.infer<typeof facetSchema>[]): string {
  const links = facets
    .map((f) => ({ ...f.index, uri: f.features.find((x) => x.$type === 'app.bsky.richtext.facet#link')?.uri }))
    .filter((f): f is { byteStart: number; byteEnd: number; uri: string } => f.uri !== undefined && f.byteStart < f.byteEnd);
  if (links.length === 0) return text;
  const bytes = encoder.encode(text);
  const pieces: string[] = [];
  let at = 0;
  for (const link of links.sort((a, b) => a.byteStart - b.byteStart)) {
    if (link.byteStart < at || link.byteEnd > bytes.length || !endsShortened(bytes, link.byteStart, link.byteEnd)) continue;
    pieces.push(decoder.decode(bytes.subarray(at, link.byteStart)), link.uri);
    at = link.byteEnd;
  }
  pieces.push(decoder.decode(bytes.subarray(at)));
  return pieces.join('');
}

function embedInfo(embed: Record<string, unknown> | undefined): { quote?: string; media: number } {
  if (!embed) return { media: 0 };
  const type = embed['$type'];
  const uriOf = (value: unknown): string | undefined => {
    const uri = (value as { uri?: unknown } | undefined)?.uri;
    return typeof uri === 'string' ? uri : undefined;
  };
  const count = (media: unknown): number => {
    const m = media as { $type?: string; images?: unknown[] } | undefined;
    if (Array.isArray(m?.images)) return m.images.length;
    return m?.$type === 'app.bsky.embed.video' ? 1 : 0;
  };
  if (type === 'app.bsky.embed.record') return { quote: uriOf(embed['record']), media: 0 };
  if (type === 'app.bsky.embed.recordWithMedia')
    return { quote: uriOf((embed['record'] as { record?: unknown } | undefined)?.record), media: count(embed['media']) };
  return { media: count(embed) };
}

const imageView = z.object({
  fullsize: z.string(),
  thumb: z.string().optional(),
  alt: z.string().default(''),
  aspectRatio: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).optional(),
});
const videoView = z.object({ playlist: z.string(), thumbnail: z.string().optional(), alt: z.string().optional() });

/** The media of a hydrated embed view: images, a video's thumbnail, and the media half of a quote with media. */
function viewMedia(embed: Record<string, unknown> | undefined): MediaRef[] {
  if (!embed) return [];
  const type = embed['$type'];
  if (type === 'app.bsky.embed.recordWithMedia#view') return viewMedia(embed['media'] as Record<string, unknown> | undefined);
  if (type === 'app.bsky.embed.images#view' && Array.isArray(embed['images'])) {
    return embed['images']
      .map((raw) => imageView.safeParse(raw))
      .flatMap((r) =>
        r.success
          ? [mediaRef({ url: r.data.fullsize, type: 'image', alt: r.data.alt, width: r.data.aspectRatio?.width, height: r.data.aspectRatio?.height })]
          : [],
      )
      .filter((m): m is MediaRef => m !== undefined);
  }
  if (type === 'app.bsky.embed.video#view') {
    const video = videoView.safeParse(embed);
    const ref = video.success ? mediaRef({ url: video.data.playlist, type: 'video', alt: video.data.alt, previewUrl: video.data.thumbnail }) : undefined;
    return ref ? [ref] : [];
  }
  return [];
}

/** Labels in force: the record's self-labels and the view's labels, less those a later `neg` retracted. */
function labelsOf(view: BlueskyPostView): string[] {
  const retracted = new Set((view.labels ?? []).filter((l) => l.neg).map((l) => l.val));
  const applied = [...(view.record.labels?.values ?? []).map((v) => v.val), ...(view.labels ?? []).filter((l) => !l.neg).map((l) => l.val)];
  return normalizeLabels(applied.filter((v) => !retracted.has(v)));
}

export function blueskyPostToPost(view: BlueskyPostView): PostInput {
  const { record } = view;
  const facets = record.facets ?? [];
  const tags = [
    ...facets.flatMap((f) => f.features.filter((x) => x.$type === 'app.bsky.richtext.facet#tag' && x.tag).map((x) => x.tag ?? '')),
    ...(record.tags ?? []),
  ]
    .map(normalizeHashtag)
    .filter((t) => t.length > 0);
  const embed = embedInfo(record.embed);
  const rkey = view.uri.split('/').at(-1) ?? '';
  const lang = record.langs?.[0];
  const attachments = viewMedia(view.embed);
  const labels = labelsOf(view);
  return {
    id: blueskyId(view.uri),
    source: 'bluesky',
    author: { id: view.author.did, handle: view.author.handle, name: view.author.displayName ?? '' },
    text: expandLinks(record.text, facets),
    createdAt: record.createdAt,
    url: `https://bsky.app/profile/${view.author.handle}/post/${rkey}`,
    ...(lang ? { lang } : {}),
    ...(record.reply
      ? { replyToId: blueskyId(record.reply.parent.uri), replyToAuthorId: didOfUri(record.reply.parent.uri), conversationId: blueskyId(record.reply.root.uri) }
      : {}),
    ...(embed.quote ? { quoteOfId: blueskyId(embed.quote) } : {}),
    ...(tags.length > 0 ? { hashtags: [...new Set(tags)] } : {}),
    media: Math.max(embed.media, attachments.length),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(labels.length > 0 ? { labels, sensitive: true } : {}),
    metrics: { likes: view.likeCount, reposts: view.repostCount + view.quoteCount, replies: view.replyCount },
  };
}

export function parseBlueskyPosts(views: readonly unknown[]): ParsedPage {
  const page = emptyPage();
  for (const raw of views) collect(page, 'post', raw, blueskyPostViewSchema, blueskyPostToPost);
  return page;
}

/**
 * The post views of a getPostThread answer, parents and every reply branch, in no promised order;
 * not-found and blocked nodes are passed over.
 */
export function flattenThread(node: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (!node || typeof node !== 'object' || depth > 1000) return out;
  const view = node as { post?: unknown; parent?: unknown; replies?: unknown };
  if (view.post) out.push(view.post);
  if (depth === 0 && view.parent)
    for (let p: unknown = view.parent; p && typeof p === 'object'; p = (p as { parent?: unknown }).parent) {
      const post = (p as { post?: unknown }).post;
      if (post) out.push(post);
    }
  if (Array.isArray(view.replies)) for (const reply of view.replies) flattenThread(reply, out, depth + 1);
  return out;
}

/**
 * A saved Bluesky answer of any usual shape: searchPosts (`posts`), getPostThread (`thread`),
 * an author or timeline feed (`feed`, reposts skipped), or a bare list of post views.
 */
export function parseBlueskyDocument(value: unknown): ParsedPage {
  if (Array.isArray(value)) return parseBlueskyPosts(value);
  const doc = (value ?? {}) as { posts?: unknown; thread?: unknown; feed?: unknown };
  if (Array.isArray(doc.posts)) return parseBlueskyPosts(doc.posts);
  if (doc.thread) return parseBlueskyPosts(flattenThread(doc.thread));
  if (Array.isArray(doc.feed)) {
    const reposts = doc.feed.filter((f) => (f as { reason?: { $type?: string } })?.reason?.$type === 'app.bsky.feed.defs#reasonRepost').length;
    const page = parseBlueskyPosts(doc.feed.filter((f) => !(f as { reason?: unknown })?.reason).map((f) => (f as { post?: unknown })?.post));
    return { ...page, skipped: page.skipped + reposts };
  }
  return { posts: [], issues: ['document: not a Bluesky searchPosts, getPostThread or feed answer'], skipped: 0 };
}
