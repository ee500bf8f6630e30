import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderRss, startFakeFeed, type FakeFeed, type FakeFeedItem } from '../../fakes/upstream/rss.ts';
import { createHarness } from '../../support/sources.ts';

let fake: FakeFeed;
let harness: ReturnType<typeof createHarness>;

const item = (n: number, description: string, extra: Partial<FakeFeedItem> = {}): FakeFeedItem => ({
  guid: `https://mastodon.example/@steppe/11000${n}`,
  link: `https://mastodon.example/@steppe/11000${n}`,
  description,
  pubDate: `Fri, 20 Nov 2026 12:0${n}:00 +0000`,
  ...extra,
});

beforeEach(async () => {
  fake = await startFakeFeed();
  harness = createHarness([{ type: 'rss', url: `${fake.url}${fake.path}`, hashtags: ['news'], every: 600_000 }]);
});
afterEach(async () => {
  harness.close();
  await fake.close();
});

describe('RSS source', () => {
  it('a Mastodon tag feed → one post per item, HTML and entities as clean text, categories and configured tags as hashtags', async () => {
    fake.setFeed(
      renderRss('#xinjiang', [
        item(
          1,
          '<p>Tea &amp; bread<br>in Kashgar</p><p><a href="https://mastodon.example/tags/xinjiang" class="mention hashtag">#<span>xinjiang</span></a></p>',
          { categories: ['xinjiang'] },
        ),
        item(2, '<p>Second post</p>', { title: 'A headline' }),
      ]),
      new Date('2026-11-23T19:30:00Z'),
    );
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]).toMatchObject({ errors: [], posts: 2, newThreads: 2, requests: 1 });
    const threads = await harness.threads('news');
    expect(threads.map((t) => t.posts[0]?.text)).toEqual(['A headline\n\nSecond post', 'Tea & bread\nin Kashgar\n\n#xinjiang']);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a second poll of an unchanged feed → sends the ETag and gets a 304, nothing stored twice', async () => {
    fake.setFeed(renderRss('#xinjiang', [item(1, '<p>One #xinjiang</p>')]), new Date('2026-11-23T19:30:00Z'));
    await harness.poller.pollOnce();
    const second = await harness.poller.pollOnce();
    expect(fake.requests[1]?.headers['if-none-match']).toBe('W/"v2"');
    expect(fake.requests[1]?.headers['if-modified-since']).toBe('Mon, 23 Nov 2026 19:30:00 GMT');
    expect(second.sources[0]).toMatchObject({ posts: 0, requests: 1, errors: [] });
  });

  it('a malformed item (no guid, link or text) → skipped and reported; the other items stored', async () => {
    fake.setFeed(renderRss('#xinjiang', ['<item><pubDate>yesterday-ish</pubDate></item>', item(1, '<p>Good #xinjiang</p>')]), new Date());
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]?.errors).toEqual([expect.stringMatching(/^item \(no id\): /u)]);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a 500 → retried; garbage instead of a feed → reported, the next round stores the feed', async () => {
    fake.setFeed(renderRss('#xinjiang', [item(1, '<p>One #xinjiang</p>')]), new Date());
    fake.failNext(500);
    fake.failNext('garbage');
    const first = await harness.poller.pollOnce();
    expect(harness.sleeps).toHaveLength(1);
    expect(first.sources[0]?.errors).toEqual(['feed: neither RSS, Atom nor JSON Feed']);
    await harness.poller.pollOnce();
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });
});
