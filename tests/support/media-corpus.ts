import { readFileSync } from 'node:fs';
import { postSchema, type Post } from '../../src/core/index.ts';
import { parseBlueskyDocument } from '../../src/sources/bluesky-parse.ts';
import { createMastodonScope, parseMastodonStatuses } from '../../src/sources/mastodon-parse.ts';
import { parseFeed } from '../../src/sources/rss-parse.ts';
import { parseXPage } from '../../src/sources/x-parse.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url), 'utf8');

/** The pictures of the corpus, by where they come from. */
export const PICTURES = {
  xPhoto: 'https://pbs.twimg.com/media/GsatA1.jpg',
  xVideoStill: 'https://pbs.twimg.com/ext_tw_video_thumb/502/pu/img/still.jpg',
  mastodonLetter: 'https://files.mastodon.example/media_attachments/files/9101/original/letter.jpg',
  blueskyAdult: 'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:steppe01/bafkreiaaa@jpeg',
  rssAksu: 'https://photos.example.org/img/aksu.jpg',
  rssKashgar: 'https://photos.example.org/img/kashgar.jpg',
  rssAdult: 'https://photos.example.org/img/nfw.jpg',
} as const;

/**
 * Posts from real-shaped answers of every source, through Spool's own parsers: an X search page with
 * `includes.media` and `possibly_sensitive`, Mastodon statuses with `media_attachments`, `sensitive`
 * and a content warning, Bluesky image views with self- and moderation labels, an RSS feed with an
 * enclosure, a media:content and an adult rating. Seven threads about #xinjiang: three sensitive but
 * not age-restricted (an X post flagged sensitive, a Mastodon post with a warning, …) and two
 * age-restricted (a Bluesky post labelled porn, an RSS item rated adult).
 */
export function mediaCorpus(): Post[] {
  const pages = [
    parseXPage(JSON.parse(fixture('x-search-media.json'))),
    parseMastodonStatuses(JSON.parse(fixture('mastodon-media-sensitive.json')) as unknown[], createMastodonScope('mastodon.example')),
    parseBlueskyDocument(JSON.parse(fixture('bluesky-images-labels.json'))),
    parseFeed(fixture('feed-enclosures.rss'), { feedKey: 'https://photos.example.org/feed', extraHashtags: [], fetchedAt: new Date('2026-11-23T09:00:00Z') }),
  ];
  for (const page of pages) if (page.issues.length > 0) throw new Error(`fixture did not parse: ${page.issues.join('; ')}`);
  return pages.flatMap((p) => p.posts).map((p) => postSchema.parse(p));
}
