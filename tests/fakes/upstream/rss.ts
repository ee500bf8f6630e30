import { startFakeServer, type FakeServer } from './server.ts';

export interface FakeFeedItem {
  guid: string;
  link: string;
  /** HTML, escaped into the XML as Mastodon's tag feeds do. */
  description: string;
  pubDate: string;
  title?: string;
  categories?: string[];
}

const xmlEscape = (text: string): string => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/** An RSS 2.0 document shaped like Mastodon's `/tags/NAME.rss`. */
export function renderRss(title: string, items: readonly (FakeFeedItem | string)[]): string {
  const body = items
    .map((item) =>
      typeof item === 'string'
        ? item
        : `<item>
      <guid isPermaLink="true">${xmlEscape(item.guid)}</guid>
      <link>${xmlEscape(item.link)}</link>
      ${item.title ? `<title>${xmlEscape(item.title)}</title>` : ''}
      <pubDate>${item.pubDate}</pubDate>
      <description>${xmlEscape(item.description)}</description>
      ${(item.categories ?? []).map((c) => `<category>${xmlEscape(c)}</category>`).join('')}
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:webfeeds="http://webfeeds.org/rss/1.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>${xmlEscape(title)}</title>
    <description>Public posts tagged #xinjiang</description>
    <link>https://mastodon.example/tags/xinjiang</link>
    <language>en</language>
    ${body}
  </channel>
</rss>`;
}

export interface FakeFeed extends FakeServer {
  /**
   * Replace the feed; the ETag and Last-Modified change with it. Bytes are served as they are, with
   * `contentType` (default `application/rss+xml; charset=utf-8`), as a server that knows its feed's encoding would.
   */
  setFeed(feed: string | Uint8Array, modified: Date, contentType?: string): void;
  readonly path: string;
}

/** A feed server honouring If-None-Match and If-Modified-Since with 304. */
export async function startFakeFeed(): Promise<FakeFeed> {
  let feed: string | Uint8Array = renderRss('#xinjiang', []);
  let type = 'application/rss+xml; charset=utf-8';
  let version = 1;
  let modified = new Date('2026-11-23T19:00:00Z');
  const path = '/tags/xinjiang.rss';
  const server = await startFakeServer((request) => {
    if (request.path !== path) return { status: 404, text: 'Not found' };
    const etag = `W/"v${version}"`;
    const headers = { etag, 'last-modified': modified.toUTCString(), 'content-type': type };
    const since = request.headers['if-modified-since'];
    if (request.headers['if-none-match'] === etag || (since && Date.parse(since) >= modified.getTime() && !request.headers['if-none-match'])) {
      return { status: 304, headers, text: '' };
    }
    return typeof feed === 'string' ? { status: 200, headers, text: feed } : { status: 200, headers, bytes: feed };
  });
  return {
    ...server,
    path,
    setFeed(next, at, contentType = 'application/rss+xml; charset=utf-8') {
      feed = next;
      type = contentType;
      modified = at;
      version++;
    },
  };
}
