import { z } from 'zod';
import { mediaRefSchema } from './media.ts';
import { clipText, wellFormed } from './text.ts';

/** Where a post came from. `jsonl` posts name their own source; this is the set Spool knows. */
export const SOURCES = ['x', 'mastodon', 'bluesky', 'rss', 'threadreader', 'jsonl', 'sample'] as const;
export type SourceName = (typeof SOURCES)[number];

/** A source's proper name as people read it ("also on Bluesky"); not translated. */
const SOURCE_LABELS: Readonly<Record<SourceName, string>> = {
  x: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  rss: 'RSS',
  threadreader: 'Thread Reader',
  jsonl: 'Import',
  sample: 'Sample',
};

export function sourceLabel(source: SourceName): string {
  return SOURCE_LABELS[source] ?? source;
}

const isoDate = z.iso.datetime({ offset: true });
/**
 * A string as it may be stored: a lone surrogate (JSON can spell one, `"\ud800"`) becomes U+FFFD,
 * so that nothing Spool later sends or encodes (chat platforms, `encodeURIComponent`) fails on it.
 */
const text = () => z.string().transform(wellFormed);

export const authorSchema = z.object({
  /** Stable account id at the source (X user id, Mastodon account id, Bluesky DID); the handle may change. */
  id: text().pipe(z.string().min(1)),
  /** '' when the source does not say who wrote the post (a Thread Reader page): see `origin`. */
  handle: text(),
  name: text().default(''),
  bot: z.boolean().default(false),
  /**
   * Profiles on other networks the account itself links to (Mastodon's verified profile fields, a
   * Bluesky handle's domain): how the same person is recognised across networks. Absent when unknown.
   */
  links: z
    .array(text().pipe(z.string().max(512)))
    .max(16)
    .optional(),
});
export type Author = z.infer<typeof authorSchema>;

export const metricsSchema = z.object({
  likes: z.number().int().nonnegative().default(0),
  reposts: z.number().int().nonnegative().default(0),
  replies: z.number().int().nonnegative().default(0),
});
export type Metrics = z.infer<typeof metricsSchema>;

/**
 * A post as every source hands it to the core: plain text, ids already prefixed with the
 * source (`x:123`) so that ids from different networks never collide.
 *
 * This is also the documented line format of `spool import --format jsonl`.
 */
export const postSchema = z.object({
  id: text().pipe(
    z
      .string()
      .min(3)
      .regex(/^[a-z]+:/, 'must start with the source, e.g. "x:123"'),
  ),
  source: z.enum(SOURCES),
  author: authorSchema,
  text: text(),
  createdAt: isoDate,
  /**
   * The source gives no time for the post (a Thread Reader page): `createdAt` is then when Spool
   * first saw it, kept from the first import on, shown as "seen 30 Nov" and sorted after dated threads.
   */
  undated: z.boolean().optional(),
  /** Where the post came from, said instead of an author when the source names none ("a Thread Reader page about #xinjiang"). */
  origin: z.string().optional(),
  url: text().default(''),
  /** ISO 639-1 as the source tagged it; detected from the text when absent. */
  lang: z.string().min(2).max(3).optional(),
  /** The post this one answers (global id), and that post's author when the source says so. */
  replyToId: text().optional(),
  replyToAuthorId: text().optional(),
  /** X's conversation id (the root's global id): lets a thread with a missing middle post stay whole. */
  conversationId: text().optional(),
  quoteOfId: text().optional(),
  isRepost: z.boolean().default(false),
  /** Normalized hashtags the source marked (facets, entities, tags); extracted from the text when absent. */
  hashtags: z.array(text()).optional(),
  /** Tags given by the import rather than the text (a Thread Reader page's own hashtag). */
  extraHashtags: z.array(text()).default([]),
  /** How many media the post carries (the count the contract's `posts[].media` shows). */
  media: z.number().int().nonnegative().default(0),
  /** The media themselves, as references (URL, type, alt text, size), when the source says. */
  attachments: z.array(mediaRefSchema).max(20).optional(),
  /** The source flags the post as sensitive (Mastodon `sensitive`, X `possibly_sensitive`). */
  sensitive: z.boolean().optional(),
  /** The author's content warning (Mastodon `spoiler_text`), kept apart from the text; a very long one is cut, not refused. */
  contentWarning: text()
    .transform((w) => clipText(w, 1000))
    .optional(),
  /** Content labels, lower-case: Bluesky self-labels and moderation labels, Media RSS ratings (see sensitivity.ts). */
  labels: z
    .array(text().pipe(z.string().max(128)))
    .max(32)
    .optional(),
  metrics: metricsSchema.default({ likes: 0, reposts: 0, replies: 0 }),
  /** A thread's length as the source declared it ("Read 18 tweets"), when only its first posts are known. */
  declaredThreadLength: z.number().int().positive().optional(),
});

/** A post after validation: defaults filled in. */
export type Post = z.infer<typeof postSchema>;
/** A post as a source may write it (defaults optional). */
export type PostInput = z.input<typeof postSchema>;
