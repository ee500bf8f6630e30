import { describe, expect, it } from 'vitest';
import { blueskyPostToPost, blueskyPostViewSchema } from '../../../src/sources/bluesky-parse.ts';
import { htmlToText } from '../../../src/sources/html-text.ts';
import { createMastodonScope, parseMastodonStatuses } from '../../../src/sources/mastodon-parse.ts';
import { parseFeed } from '../../../src/sources/rss-parse.ts';
import { parseThreadReaderPage } from '../../../src/sources/threadreader.ts';
import { LINEAR_RATIO_BOUND, measureGrowth } from '../../support/linear.ts';

// Issue 12, item 1: inputs that stalled the whole process, each now linear in its size.

const fill = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

function feedWith(description: string): string {
  const escaped = description.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>g1</guid><title>x</title><description>${escaped}</description><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>`;
}

function blueskyView(text: string, facets: unknown[]) {
  return blueskyPostViewSchema.parse({
    uri: 'at://did:plc:a/app.bsky.feed.post/1',
    author: { did: 'did:plc:a', handle: 'a.bsky.social' },
    record: { text, createdAt: '2026-11-23T09:00:00Z', facets },
  });
}

/** Text of shortened links ("abcdefg...") and one link facet on each. */
function linkFacets(bytes: number): { text: string; facets: unknown[] } {
  const unit = 'abcdefg...' + ' '.repeat(40);
  const count = Math.floor(bytes / unit.length);
  const facets = Array.from({ length: count }, (_, i) => ({
    index: { byteStart: i * unit.length, byteEnd: i * unit.length + 10 },
    features: [{ $type: 'app.bsky.richtext.facet#link', uri: `https://example.org/${i}` }],
  }));
  return { text: unit.repeat(count), facets };
}

const cases: [string, (input: string) => unknown, (bytes: number) => string][] = [
  [
    'an RSS description of <ul><li> repeated (14.7 s at 60 KB before)',
    (xml) => parseFeed(xml, { feedKey: 'f', extraHashtags: [], fetchedAt: new Date() }),
    (n) => feedWith(fill('<ul><li>', n)),
  ],
  [
    'Mastodon content with a long run of &nbsp; (>20 s at 1 MB before)',
    (html) =>
      parseMastodonStatuses(
        [{ id: '1', created_at: '2026-11-23T09:00:00Z', account: { id: '1', acct: 'a' }, content: html }],
        createMastodonScope('example.social'),
      ),
    (n) => `<p>a${fill('&nbsp;', n)}b</p>`,
  ],
  ['nested ordered lists (3.1 s at 10 KB before)', htmlToText, (n) => fill('<ol><li>a', n)],
  ['close tags for elements never opened, under deep nesting', htmlToText, (n) => fill('<div>', n / 2) + fill('</b>', n / 2)],
  [
    'a Thread Reader line of spaces (12.6 s at 40,000 spaces before)',
    (text) => parseThreadReaderPage(text, { file: 'page.txt', tag: 'xinjiang', fileDate: new Date() }),
    (n) => `Most recents (1)\nhello${' '.repeat(n)}x\nRead 1 tweets\n`,
  ],
  [
    'a Thread Reader block of many lines',
    (text) => parseThreadReaderPage(text, { file: 'page.txt', tag: 'xinjiang', fileDate: new Date() }),
    (n) => `Most recents (1)\n${fill('word Image\n', n)}Read 1 tweets\n`,
  ],
  [
    'a Bluesky post with many link facets (9.8 s at 100 KB before)',
    (text) => blueskyPostToPost(blueskyView(text, linkFacets(text.length).facets)),
    (n) => linkFacets(n).text,
  ],
];

describe('parsing hostile input is linear in its size', () => {
  it.each(cases)('%s → a 1 MB input within the linear bound of a 50 KB one', (_name, run, make) => {
    const growth = measureGrowth(run, make);
    expect(growth.ratio, JSON.stringify(growth)).toBeLessThan(LINEAR_RATIO_BOUND);
  });

  it('a 3,000-deep list still gives its text, one marker per item, indentation capped', async () => {
    const text = htmlToText(`${'<ul><li>'.repeat(3000)}deep`);
    expect(text.endsWith('- deep')).toBe(true);
    expect(text.split('\n').every((line) => line.length <= 2 * 8 + '- deep'.length)).toBe(true);
  });

  it('many link facets → every shortened link restored in place; overlapping facets → the first wins', async () => {
    const { text, facets } = linkFacets(500);
    const restored = blueskyPostToPost(blueskyView(text, facets)).text;
    expect(restored.match(/https:\/\/example\.org\/\d+/gu)).toHaveLength(facets.length);
    const overlapping = [
      { index: { byteStart: 0, byteEnd: 10 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://first.example' }] },
      { index: { byteStart: 5, byteEnd: 10 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://second.example' }] },
    ];
    expect(blueskyPostToPost(blueskyView('abcdefg... rest', overlapping)).text).toBe('https://first.example rest');
  });

  it('a Thread Reader post ending in image markers → counted as media and removed from the text', async () => {
    const parsed = parseThreadReaderPage('Most recents (1)\nA post about #xinjiang Image Image\nRead 1 tweets\n', {
      file: 'p.txt',
      tag: 'xinjiang',
      fileDate: new Date('2026-11-23T09:00:00Z'),
    });
    expect(parsed.posts[0]).toMatchObject({ text: 'A post about #xinjiang', media: 2 });
  });
});
