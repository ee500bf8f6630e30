import { z } from 'zod';
import { normalizeHashtag, parseTimestamp, type PostInput } from '../core/index.ts';
import { extractHashtags } from '../core/ingest.ts';
import { decodeFeed } from './feed-charset.ts';
import { readFeedDocument } from './feed-document.ts';
import { feedHead, type FeedEntry } from './feed-entries.ts';
import { collect, emptyPage, type ParsedPage } from './parsed.ts';

/**
 * RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed documents → one post per item (each its own one-post
 * thread: feeds carry no reply structure). Bytes are decoded in the encoding the feed names
 * (`feed-charset.ts`), parsed by feedsmith (`feed-document.ts`) and read as plain text by the rules
 * of `feed-entries.ts`. Hashtags are the item's categories, those in its text, and `extraHashtags`
 * (the tags the feed is configured under). Items without a date get the feed's own date, else `fetchedAt`.
 */
export interface FeedContext {
  /** The feed's address (or file name): author ids of a feed without item authors derive from it. */
  readonly feedKey: string;
  readonly extraHashtags: readonly string[];
  readonly fetchedAt: Date;
  /** The HTTP Content-Type the bytes came with (its charset counts); undefined for a file. */
  readonly contentType?: string | null | undefined;
}

const entrySchema = z.custom<FeedEntry>().superRefine((entry, ctx) => {
  if (!entry.id) ctx.addIssue({ code: 'custom', message: 'an item with neither guid, id nor link', path: ['guid'] });
  if (!entry.title && !entry.body) ctx.addIssue({ code: 'custom', message: 'an item with no text', path: ['description'] });
  if (entry.date && parseTimestamp(entry.date) === undefined) ctx.addIssue({ code: 'custom', message: `unreadable date "${entry.date}"`, path: ['pubDate'] });
});

const HASHTAG = /^[\p{L}\p{M}\p{Nd}_]+$/u;

/** `input` is the feed's bytes (from HTTP or a file) or text already decoded. */
export function parseFeed(input: Uint8Array | string, context: FeedContext): ParsedPage {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF?\s+(?=[<{])/u, '') : decodeFeed(input, context.contentType).text;
  const read = readFeedDocument(text);
  if ('error' in read) return { posts: [], issues: [`feed: ${read.error}`], skipped: 0 };
  const head = feedHead(read.document);
  const feedTitle = head.title || context.feedKey;
  // Undated items take the feed's own date, which changes only when the feed does: a post's time
  // then stays put from one fetch to the next instead of becoming "changed" at every round.
  const fallback = (head.date ? parseTimestamp(head.date) : undefined) ?? context.fetchedAt.toISOString();
  const lang = head.lang.split(/[-_]/u)[0]?.toLowerCase() ?? '';
  const page = emptyPage();
  for (const entry of head.entries) {
    collect(page, 'item', entry, entrySchema, (item): PostInput => {
      const text = item.title && item.body && !item.body.startsWith(item.title) ? `${item.title}\n\n${item.body}` : item.body || item.title;
      const hashtags = [...new Set([...item.categories.map(normalizeHashtag).filter((t) => HASHTAG.test(t)), ...extractHashtags(text)])];
      return {
        id: `rss:${item.id ?? ''}`,
        source: 'rss',
        author: { id: item.author ? `${context.feedKey}#${item.author}` : context.feedKey, handle: item.author || feedTitle, name: item.author || feedTitle },
        text,
        // A leap second (23:59:60) or another odd but real timestamp is read, not refused.
        createdAt: (item.date ? parseTimestamp(item.date) : undefined) ?? fallback,
        url: item.link,
        ...(lang.length >= 2 && lang.length <= 3 ? { lang } : {}),
        hashtags,
        extraHashtags: [...context.extraHashtags],
        media: Math.max(item.media, item.attachments.length),
        ...(item.attachments.length > 0 ? { attachments: [...item.attachments] } : {}),
        ...(item.adult ? { sensitive: true, labels: ['adult'] } : {}),
      };
    });
  }
  return page;
}
