import { z } from 'zod';
import { wellFormed } from './text.ts';

/**
 * Media a post carries, as references: Spool never downloads or re-hosts an image, it keeps where the
 * source serves it and what the source says about it (alt text, size), and front ends link to it.
 */
export const MEDIA_TYPES = ['image', 'video', 'gifv', 'audio', 'other'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Only http(s): a `javascript:` or `data:` URL from a hostile feed never reaches a page or a chat. */
const httpUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s"'<>]+$/u, 'must be an http(s) URL');

const dimension = z.number().int().positive().max(100_000);

export const mediaRefSchema = z.object({
  url: httpUrl,
  type: z.enum(MEDIA_TYPES),
  /** The description the author wrote for people who cannot see the image (alt text); a lone surrogate becomes U+FFFD. */
  alt: z.string().transform(wellFormed).pipe(z.string().max(5000)).optional(),
  width: dimension.optional(),
  height: dimension.optional(),
  /** File size in bytes, when the source says (an RSS enclosure's length). */
  bytes: z.number().int().nonnegative().optional(),
  /** A still image for a video or an animated GIF (X `preview_image_url`, Mastodon `preview_url`). */
  previewUrl: httpUrl.optional(),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

/** The picture a card can show for one attachment: an image itself, or a video's still. */
export function pictureOf(media: MediaRef): MediaRef | undefined {
  if (media.type === 'image') return media;
  if ((media.type === 'video' || media.type === 'gifv') && media.previewUrl) {
    return { ...media, type: 'image', url: media.previewUrl, previewUrl: undefined };
  }
  return undefined;
}

/** The first picture among posts' attachments, in post order: what a card of the thread shows. */
export function firstPicture(posts: readonly { readonly attachments?: readonly MediaRef[] | undefined }[]): MediaRef | undefined {
  for (const post of posts) {
    for (const media of post.attachments ?? []) {
      const picture = pictureOf(media);
      if (picture) return stripUndefined(picture);
    }
  }
  return undefined;
}

/** Keeps stored JSON free of `"previewUrl": undefined` keys. */
function stripUndefined(media: MediaRef): MediaRef {
  return Object.fromEntries(Object.entries(media).filter(([, v]) => v !== undefined)) as MediaRef;
}

/** Parses one attachment from a source, or undefined when it is unusable (no http(s) URL). */
export function mediaRef(input: {
  readonly url?: string | null | undefined;
  readonly type: MediaType;
  readonly alt?: string | null | undefined;
  readonly width?: number | null | undefined;
  readonly height?: number | null | undefined;
  readonly bytes?: number | null | undefined;
  readonly previewUrl?: string | null | undefined;
}): MediaRef | undefined {
  const alt = input.alt?.trim();
  const candidate = {
    url: input.url ?? '',
    type: input.type,
    ...(alt ? { alt } : {}),
    ...(input.width ? { width: input.width } : {}),
    ...(input.height ? { height: input.height } : {}),
    ...(input.bytes !== undefined && input.bytes !== null && input.bytes >= 0 ? { bytes: input.bytes } : {}),
    ...(input.previewUrl ? { previewUrl: input.previewUrl } : {}),
  };
  const parsed = mediaRefSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  // A bad preview or size should not lose the attachment itself.
  const bare = mediaRefSchema.safeParse({ url: candidate.url, type: candidate.type, ...(alt ? { alt: alt.slice(0, 5000) } : {}) });
  return bare.success ? bare.data : undefined;
}

/** The media type a MIME type names (`image/jpeg` → image); `other` when it names none Spool shows. */
export function mediaTypeOfMime(mime: string | undefined, medium?: string | undefined): MediaType {
  const kind = (medium ?? mime?.split('/')[0] ?? '').toLowerCase();
  if (kind === 'image') return 'image';
  if (kind === 'video') return 'video';
  if (kind === 'audio') return 'audio';
  return 'other';
}
