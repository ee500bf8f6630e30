import { parseFeed } from './rss-parse.ts';
import type { SourcePoller } from './round.ts';

export interface RssPollerOptions {
  readonly url: string;
  readonly every: number;
  /** The tags every item of this feed is filed under (a news feed's items rarely carry them). */
  readonly hashtags: readonly string[];
}

/**
 * One feed, fetched conditionally: the stored ETag and Last-Modified go out as If-None-Match and
 * If-Modified-Since, so an unchanged feed costs one request and a 304. Followed hashtags do not
 * apply: a feed's address fixes what it serves.
 */
export function createRssPoller(options: RssPollerOptions): SourcePoller {
  const label = `rss ${options.url}`;
  return {
    label,
    every: options.every,
    async poll(_hashtags, round) {
      const etag = await round.cursors.get('rss', `etag ${options.url}`);
      const modified = await round.cursors.get('rss', `modified ${options.url}`);
      const headers: Record<string, string> = {
        accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, application/json;q=0.8, */*;q=0.5',
      };
      if (etag) headers['if-none-match'] = etag;
      if (modified) headers['if-modified-since'] = modified;
      try {
        const response = await round.http.request(options.url, { headers });
        if (response.status === 304) {
          await round.ingest({ posts: [], issues: [], skipped: 0 });
          return;
        }
        // Bytes, not text: the feed's encoding comes from the Content-Type charset, a BOM or its XML declaration.
        const page = parseFeed(response.bytes, {
          feedKey: options.url,
          extraHashtags: options.hashtags,
          fetchedAt: round.now(),
          contentType: response.headers.get('content-type'),
        });
        if (page.posts.length === 0 && page.issues[0]?.startsWith('feed: ')) throw new Error(page.issues[0].slice('feed: '.length));
        await round.ingest(page);
        const newEtag = response.headers.get('etag');
        const newModified = response.headers.get('last-modified');
        if (newEtag) await round.cursors.set('rss', `etag ${options.url}`, newEtag);
        if (newModified) await round.cursors.set('rss', `modified ${options.url}`, newModified);
      } catch (error) {
        round.fail('feed', error);
      }
    },
  };
}
