import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { extractHashtags, normalizeHashtag, oneLine, parseTimestamp, type PostInput } from '../core/index.ts';
import { htmlToText } from './html-text.ts';
import { collect, emptyPage, type ParsedPage } from './parsed.ts';

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds → one post per item (each its own one-post thread: feeds
 * carry no reply structure). Text is the title and the HTML description as plain text; hashtags are
 * the item's categories, those in its text, and `extraHashtags` (the tags the feed is configured
 * under). Items without a date get the feed's own date, else `fetchedAt`.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  isArray: (name) => ['item', 'entry', 'category', 'link', 'enclosure', 'media:content'].includes(name),
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
});

/** Text of a node that may be a string, a number or `{ "#text": … }`. */
function textOf(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === 'object' && '#text' in value) return textOf((value as Record<string, unknown>)['#text']);
  return '';
}

const node = z.unknown();
const itemSchema = z
  .object({
    guid: node, id: node, link: node, title: node, description: node, 'content:encoded': node, content: node, summary: node,
    pubDate: node, published: node, updated: node, 'dc:date': node, author: node, 'dc:creator': node, category: node,
    enclosure: node, 'media:content': node,
  })
  .partial()
  .transform((item, ctx) => {
    const links = Array.isArray(item.link) ? item.link : item.link === undefined ? [] : [item.link];
    const alternate = links.find((l) => typeof l === 'object' && l !== null && ['alternate', undefined].includes((l as Record<string, string>)['@_rel']));
    const link = links.map((l) => (typeof l === 'object' && l !== null ? ((alternate ?? l) as Record<string, string>)['@_href'] ?? textOf(l) : textOf(l)))[0] ?? '';
    const id = textOf(item.guid) || textOf(item.id) || link;
    const title = htmlToText(textOf(item.title));
    const body = htmlToText(textOf(item['content:encoded']) || textOf(item.content) || textOf(item.description) || textOf(item.summary));
    if (!id) ctx.addIssue({ code: 'custom', message: 'an item with neither guid, id nor link', path: ['guid'] });
    if (!title && !body) ctx.addIssue({ code: 'custom', message: 'an item with no text', path: ['description'] });
    const written = textOf(item.pubDate) || textOf(item.published) || textOf(item['dc:date']) || textOf(item.updated);
    const date = written ? parseTimestamp(written) : undefined;
    if (written && date === undefined) ctx.addIssue({ code: 'custom', message: `unreadable date "${oneLine(written, 40)}"`, path: ['pubDate'] });
    const categories = (Array.isArray(item.category) ? item.category : []).map((c) =>
      typeof c === 'object' && c !== null && '@_term' in c ? String((c as Record<string, unknown>)['@_term']) : textOf(c),
    );
    const author = textOf(item['dc:creator']) || textOf((item.author as Record<string, unknown> | undefined)?.['name']) || textOf(item.author);
    const media = (Array.isArray(item.enclosure) ? item.enclosure.length : 0) + (Array.isArray(item['media:content']) ? item['media:content'].length : 0);
    return { id, link, title, body, date, categories, author, media };
  });

export interface FeedContext {
  /** The feed's address (or file name): author ids of a feed without item authors derive from it. */
  readonly feedKey: string;
  readonly extraHashtags: readonly string[];
  readonly fetchedAt: Date;
}

export function parseFeed(xml: string, context: FeedContext): ParsedPage {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    return { posts: [], issues: [`feed: not well-formed XML (${oneLine(String((error as Error).message ?? error).split('\n')[0] ?? '', 120)})`], skipped: 0 };
  }
  const rss = document['rss'] as Record<string, unknown> | undefined;
  const channel = (rss?.['channel'] ?? (document['rdf:RDF'] as Record<string, unknown> | undefined)?.['channel']) as Record<string, unknown> | undefined;
  const atom = document['feed'] as Record<string, unknown> | undefined;
  const items = (rss ? channel?.['item'] : atom ? atom['entry'] : (document['rdf:RDF'] as Record<string, unknown> | undefined)?.['item']) as unknown[] | undefined;
  if (!rss && !atom && !document['rdf:RDF']) return { posts: [], issues: ['feed: neither RSS nor Atom'], skipped: 0 };
  const feedTitle = htmlToText(textOf((channel ?? atom)?.['title'])) || context.feedKey;
  const lang = textOf(channel?.['language']) || textOf(atom?.['@_xml:lang']);
  // Undated items take the feed's own date, which changes only when the feed does: a post's time
  // then stays put from one fetch to the next instead of becoming "changed" at every round.
  const feedDate = [textOf(channel?.['pubDate']), textOf(channel?.['lastBuildDate']), textOf(atom?.['updated'])].map(parseTimestamp).find((d) => d !== undefined);
  const fallback = feedDate ?? context.fetchedAt.toISOString();
  const page = emptyPage();
  for (const raw of items ?? []) {
    collect(page, 'item', raw, itemSchema, (item): PostInput => {
      const text = item.title && item.body && !item.body.startsWith(item.title) ? `${item.title}\n\n${item.body}` : item.body || item.title;
      const hashtags = [...new Set([...item.categories.map(normalizeHashtag).filter((t) => /^[\p{L}\p{M}\p{Nd}_]+$/u.test(t)), ...extractHashtags(text)])];
      return {
        id: `rss:${item.id}`,
        source: 'rss',
        author: { id: item.author ? `${context.feedKey}#${item.author}` : context.feedKey, handle: item.author || feedTitle, name: item.author || feedTitle },
        text,
        createdAt: item.date ?? fallback,
        url: item.link,
        ...(lang ? { lang: lang.split('-')[0] } : {}),
        hashtags,
        extraHashtags: [...context.extraHashtags],
        media: item.media,
      };
    });
  }
  return page;
}
