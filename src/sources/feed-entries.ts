import type { AtomFeed, JsonFeed, MediaNs, RdfFeed, RssFeed } from 'feedsmith';
import { mediaRef, mediaTypeOfMime, type MediaRef } from '../core/index.ts';
import type { FeedDocument } from './feed-document.ts';
import { htmlToText } from './html-text.ts';

/**
 * One item of any feed format as Spool reads it: plain text only, whatever the format said its
 * text was. The rules (docs/adr/0006):
 * - RSS and RDF titles and descriptions are HTML (the RSS Advisory Board's reading and every
 *   aggregator's), so entities and tags become text once.
 * - Atom text constructs say what they are: `text` is shown as written ("History of the <blink>
 *   tag"), `html` and `xhtml` (Atom 0.3: `text/html`, `application/xhtml+xml`) are read as HTML.
 *   A construct with no type is text by RFC 4287, except when it holds elements (a closing or
 *   self-closing tag), which that RFC forbids in text: such a feed meant markup.
 * - JSON Feed: `content_html` is HTML, `content_text`, `summary` and `title` are text.
 */
export interface FeedEntry {
  /** Undefined when the item has neither an id nor a link (reported, not stored). */
  readonly id?: string | undefined;
  readonly link: string;
  readonly title: string;
  readonly body: string;
  /** The date as the feed wrote it; '' when it gave none. */
  readonly date: string;
  readonly categories: readonly string[];
  readonly author: string;
  readonly media: number;
  /** Enclosures, Media RSS contents (and a group's), Atom enclosure links, JSON Feed attachments. */
  readonly attachments: readonly MediaRef[];
  /** A Media RSS rating of `adult` (urn:simple) on the item or one of its media. */
  readonly adult: boolean;
}

export interface FeedHead {
  readonly title: string;
  readonly lang: string;
  /** The feed's own date, '' when none. */
  readonly date: string;
  readonly entries: readonly FeedEntry[];
}

const html = (value: string | undefined): string => (value ? htmlToText(value) : '');
const plain = (value: string | undefined): string => (value ?? '').replace(/\r\n?/gu, '\n').trim();
const MARKUP = /<\/[A-Za-z][\w:.-]*\s*>|<[A-Za-z][\w:.-]*\s*\/>/u;

function atomText(text: AtomFeed.Text | AtomFeed.Content | undefined): string {
  if (!text?.value) return '';
  const type = (text.type ?? '').toLowerCase();
  if (type === 'text' || type === 'text/plain') return plain(text.value);
  if (type === '') return MARKUP.test(text.value) ? html(text.value) : plain(text.value);
  return html(text.value);
}

function mediaCount(media: MediaNs.ItemOrFeed | undefined): number {
  return (media?.contents?.length ?? 0) + (media?.groups ?? []).reduce((n, g) => n + (g.contents?.length ?? 0), 0);
}

/** Media RSS `media:content` (alone or in `media:group`); the alt text is its description, else its title. */
function mediaContents(media: MediaNs.ItemOrFeed | undefined): MediaRef[] {
  const contents = [...(media?.contents ?? []), ...(media?.groups ?? []).flatMap((g) => g.contents ?? [])];
  return contents
    .map((c) =>
      mediaRef({
        url: c.url,
        type: mediaTypeOfMime(c.type, c.medium),
        alt: plainOf(c.description?.value ?? media?.description?.value ?? c.title?.value),
        width: c.width,
        height: c.height,
        bytes: c.fileSize,
        previewUrl: c.thumbnails?.[0]?.url,
      }),
    )
    .filter((m): m is MediaRef => m !== undefined);
}

/** A thumbnail alone (`media:thumbnail` with no content): the item's picture. */
function mediaThumbnail(media: MediaNs.ItemOrFeed | undefined): MediaRef[] {
  const thumb = media?.thumbnails?.[0];
  const ref = thumb
    ? mediaRef({ url: thumb.url, type: 'image', width: thumb.width, height: thumb.height, alt: plainOf(media?.description?.value) })
    : undefined;
  return ref ? [ref] : [];
}

const ratedAdult = (media: MediaNs.ItemOrFeed | undefined): boolean =>
  [...(media?.ratings ?? []), ...(media?.contents ?? []).flatMap((c) => c.ratings ?? [])].some((r) => r.value?.trim().toLowerCase() === 'adult');

/** Alt texts are plain text; Media RSS descriptions may be HTML. */
const plainOf = (value: string | undefined): string | undefined => (value ? htmlToText(value) : undefined);

const MAX_ATTACHMENTS = 20;
const dedupe = (refs: readonly MediaRef[]): MediaRef[] => [...new Map(refs.map((r) => [r.url, r])).values()].slice(0, MAX_ATTACHMENTS);

const first = (...values: (string | undefined)[]): string => values.find((v) => v !== undefined && v.trim() !== '')?.trim() ?? '';

function rssEntry(item: RssFeed.Item<string> | RdfFeed.Item<string>): FeedEntry {
  const guid = 'guid' in item ? item.guid : undefined;
  const permalink = guid && guid.isPermaLink !== false && /^https?:\/\//u.test(guid.value ?? '') ? guid.value : undefined;
  const link = first(item.link, permalink);
  const id = first(guid?.value, 'rdf' in item ? item.rdf?.about : undefined, link, item.dc?.identifiers?.[0]);
  const categories = [...('categories' in item ? (item.categories ?? []).map((c) => c.name ?? '') : []), ...(item.dc?.subjects ?? [])];
  const authors = 'authors' in item ? item.authors : undefined;
  return {
    id: id || undefined,
    link,
    title: html(first(item.title, item.dc?.titles?.[0])),
    body: html(first(item.content?.encoded, item.description, item.dc?.descriptions?.[0])),
    date: first('pubDate' in item ? item.pubDate : undefined, item.dc?.dates?.[0], item.dcterms?.modified?.[0], item.atom?.updated),
    categories: categories.filter((c) => c.trim() !== ''),
    author: first(item.dc?.creators?.[0], authors?.[0]?.name, authors?.[0]?.email),
    media: ('enclosures' in item ? (item.enclosures?.length ?? 0) : 0) + mediaCount(item.media),
    attachments: dedupe(
      [
        ...('enclosures' in item ? (item.enclosures ?? []) : []).map((e) => mediaRef({ url: e.url, type: mediaTypeOfMime(e.type), bytes: e.length })),
        ...mediaContents(item.media),
        ...(mediaCount(item.media) === 0 ? mediaThumbnail(item.media) : []),
      ].filter((m): m is MediaRef => m !== undefined),
    ),
    adult: ratedAdult(item.media),
  };
}

function atomEntry(entry: AtomFeed.Entry<string>): FeedEntry {
  const links = entry.links ?? [];
  const link = first(links.find((l) => l.rel === undefined || l.rel === 'alternate')?.href, links[0]?.href);
  return {
    id: first(entry.id, link) || undefined,
    link,
    title: atomText(entry.title),
    body: atomText(entry.content) || atomText(entry.summary),
    date: first(entry.published, entry.updated, entry.dc?.dates?.[0]),
    categories: (entry.categories ?? []).map((c) => first(c.term, c.label)).filter((c) => c !== ''),
    author: first(entry.authors?.[0]?.name, entry.dc?.creators?.[0]),
    media: links.filter((l) => l.rel === 'enclosure').length + mediaCount(entry.media),
    attachments: dedupe(
      [
        ...links.filter((l) => l.rel === 'enclosure').map((l) => mediaRef({ url: l.href, type: mediaTypeOfMime(l.type), bytes: l.length, alt: l.title })),
        ...mediaContents(entry.media),
        ...(mediaCount(entry.media) === 0 ? mediaThumbnail(entry.media) : []),
      ].filter((m): m is MediaRef => m !== undefined),
    ),
    adult: ratedAdult(entry.media),
  };
}

function jsonEntry(item: JsonFeed.Item<string>): FeedEntry {
  const link = first(item.url, item.external_url);
  return {
    id: first(item.id, link) || undefined,
    link,
    title: plain(item.title),
    body: item.content_html ? html(item.content_html) : plain(first(item.content_text, item.summary)),
    date: first(item.date_published, item.date_modified),
    categories: item.tags ?? [],
    author: first(item.authors?.[0]?.name),
    media: item.attachments?.length ?? 0,
    attachments: dedupe(
      [
        ...(item.image ? [mediaRef({ url: item.image, type: 'image' })] : []),
        ...(item.attachments ?? []).map((a) => mediaRef({ url: a.url, type: mediaTypeOfMime(a.mime_type), bytes: a.size_in_bytes, alt: a.title })),
      ].filter((m): m is MediaRef => m !== undefined),
    ),
    adult: false,
  };
}

/** The feed's title, language, date and items, whatever its format. */
export function feedHead(document: FeedDocument): FeedHead {
  switch (document.format) {
    case 'rss': {
      const { feed } = document;
      return {
        title: html(feed.title),
        lang: first(feed.language, feed.dc?.languages?.[0]),
        date: first(feed.pubDate, feed.lastBuildDate),
        entries: (feed.items ?? []).map(rssEntry),
      };
    }
    case 'rdf': {
      const { feed } = document;
      return { title: html(feed.title), lang: first(feed.dc?.languages?.[0]), date: first(feed.dc?.dates?.[0]), entries: (feed.items ?? []).map(rssEntry) };
    }
    case 'atom': {
      const { feed } = document;
      return { title: atomText(feed.title), lang: first(feed.xml?.lang), date: first(feed.updated), entries: (feed.entries ?? []).map(atomEntry) };
    }
    case 'json': {
      const { feed } = document;
      return { title: plain(feed.title), lang: first(feed.language), date: '', entries: (feed.items ?? []).map(jsonEntry) };
    }
  }
}
