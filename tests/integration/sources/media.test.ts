import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { postSchema } from '../../../src/core/index.ts';
import { parseBlueskyDocument } from '../../../src/sources/bluesky-parse.ts';
import { parseFeed } from '../../../src/sources/rss-parse.ts';
import { makeStatus, startFakeMastodon, type FakeMastodon } from '../../fakes/upstream/mastodon.ts';
import { makeXPost, startFakeX, type FakeX } from '../../fakes/upstream/x.ts';
import { createHarness, NOW } from '../../support/sources.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/media/${name}`, import.meta.url), 'utf8');
let closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

describe('media and sensitivity from the sources', () => {
  it('X: attachments.media_keys resolved through includes.media (photo with alt, video still), possibly_sensitive → stored on the post and the thread', async () => {
    const fake: FakeX = await startFakeX({ token: 't', now: () => NOW });
    const harness = createHarness([{ type: 'x', hashtags: ['xinjiang'], every: 900_000 }], { credentials: { x: { bearerToken: 't', apiUrl: fake.url } } });
    closers.push(
      () => fake.close(),
      () => harness.close(),
    );
    const alice = { id: '11', username: 'steppe_notes', name: 'Steppe Notes' };
    fake.users.push(alice);
    const t1 = {
      ...makeXPost(alice, { id: '1900000000000000101', text: 'Harvest photos 🧵 #xinjiang' }),
      attachments: { media_keys: ['3_101', '7_102'] },
      possibly_sensitive: true,
    };
    fake.posts.push(t1);
    fake.media.push(
      { media_key: '3_101', type: 'photo', url: 'https://pbs.twimg.com/media/Gabc.jpg', alt_text: 'A cotton field at dawn', width: 1200, height: 800 },
      { media_key: '7_102', type: 'video', preview_image_url: 'https://pbs.twimg.com/ext_tw_video_thumb/102/pu/img/still.jpg', width: 1280, height: 720 },
    );
    await harness.poller.pollOnce();
    const [thread] = await harness.threads('xinjiang');
    expect(fake.searches()[0]?.query.get('media.fields')).toContain('alt_text');
    expect(thread?.posts[0]?.attachments).toEqual([
      { url: 'https://pbs.twimg.com/media/Gabc.jpg', type: 'image', alt: 'A cotton field at dawn', width: 1200, height: 800 },
      {
        url: 'https://pbs.twimg.com/ext_tw_video_thumb/102/pu/img/still.jpg',
        type: 'video',
        width: 1280,
        height: 720,
        previewUrl: 'https://pbs.twimg.com/ext_tw_video_thumb/102/pu/img/still.jpg',
      },
    ]);
    expect(thread?.posts[0]?.media).toBe(2);
    expect(thread?.image).toMatchObject({ url: 'https://pbs.twimg.com/media/Gabc.jpg', alt: 'A cotton field at dawn' });
    expect(thread?.sensitive).toEqual({ labels: [], ageRestricted: false });
  });

  it('Mastodon: media_attachments with descriptions and sizes, sensitive with spoiler_text → the warning kept apart from the text; an adult warning makes the thread age-restricted; verified profile links kept', async () => {
    const fake: FakeMastodon = await startFakeMastodon({ now: () => NOW });
    const harness = createHarness([{ type: 'mastodon', instance: fake.url, hashtags: ['xinjiang'], every: 300_000 }]);
    closers.push(
      () => fake.close(),
      () => harness.close(),
    );
    const alice = {
      id: '1001',
      username: 'steppe',
      name: 'Steppe Notes',
      fields: [
        {
          name: 'Bluesky',
          value: '<a href="https://bsky.app/profile/steppe.bsky.social" rel="nofollow noopener me" target="_blank">bsky.app/profile/steppe.bsky.social</a>',
          verified_at: null,
        },
        { name: 'Web', value: '<a href="https://steppe.example.org">steppe.example.org</a>', verified_at: '2026-01-01T00:00:00.000Z' },
      ],
    };
    const a1 = makeStatus(fake.url, alice, {
      id: '110000000000000201',
      content: '<p>Field notes, with pictures <a href="x" class="mention hashtag">#<span>xinjiang</span></a></p>',
      tags: ['xinjiang'],
      sensitive: true,
      spoiler_text: 'detention, photos',
      media_attachments: [
        {
          id: '9001',
          type: 'image',
          url: `${fake.url}/system/media_attachments/files/9001/original/a.jpg`,
          preview_url: `${fake.url}/system/media_attachments/files/9001/small/a.jpg`,
          remote_url: null,
          meta: { original: { width: 1600, height: 1200, size: '1600x1200', aspect: 1.33 }, small: { width: 400, height: 300 } },
          description: 'A fence with watchtowers',
          blurhash: 'UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH',
        },
      ],
    });
    const b1 = makeStatus(
      fake.url,
      { id: '2002', username: 'other' },
      {
        id: '110000000000000202',
        content: '<p>Late night <a href="x" class="mention hashtag">#<span>xinjiang</span></a></p>',
        tags: ['xinjiang'],
        sensitive: true,
        spoiler_text: 'NSFW, lewd',
      },
    );
    fake.statuses.push(a1, b1);
    await harness.poller.pollOnce();
    const threads = await harness.threads('xinjiang');
    const notes = threads.find((t) => t.author.handle.startsWith('steppe@'));
    expect(notes?.posts[0]?.text).toBe('Field notes, with pictures #xinjiang');
    expect(notes?.sensitive).toEqual({ warning: 'detention, photos', labels: [], ageRestricted: false });
    expect(notes?.image).toEqual({
      url: `${fake.url}/system/media_attachments/files/9001/original/a.jpg`,
      type: 'image',
      alt: 'A fence with watchtowers',
      width: 1600,
      height: 1200,
    });
    expect(notes?.author.links).toEqual(['https://bsky.app/profile/steppe.bsky.social']);
    const adult = threads.find((t) => t.author.handle.startsWith('other@'));
    expect(adult?.sensitive).toEqual({ warning: 'NSFW, lewd', labels: ['nsfw'], ageRestricted: true });
  });

  it('Bluesky: app.bsky.embed.images views (and the media of a quote with media), self-labels and moderation labels, a retracted label → images with alt text, labels in force only', () => {
    const page = parseBlueskyDocument(JSON.parse(fixture('bluesky-images-labels.json')));
    expect(page.issues).toEqual([]);
    const [first, second] = page.posts.map((p) => postSchema.parse(p));
    expect(first?.attachments).toEqual([
      {
        url: 'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:steppe01/bafkreiaaa@jpeg',
        type: 'image',
        alt: 'Rows of cotton plants under a grey sky, a tractor in the distance',
        width: 2000,
        height: 1333,
      },
    ]);
    expect(first?.labels).toEqual(['graphic-media', 'porn']);
    expect(first?.sensitive).toBe(true);
    expect(second?.attachments).toEqual([{ url: 'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:steppe01/bafkreibbb@png', type: 'image' }]);
    expect(second?.labels).toBeUndefined();
    expect(second?.quoteOfId).toBe('bluesky:at://did:plc:other/app.bsky.feed.post/3lbrep');
  });

  it('RSS: an enclosure, a media:content with its description, a media:rating of adult; a javascript: enclosure dropped', () => {
    const page = parseFeed(fixture('feed-enclosures.rss'), { feedKey: 'https://photos.example.org/feed', extraHashtags: [], fetchedAt: NOW });
    const [aksu, kashgar, nfw] = page.posts.map((p) => postSchema.parse(p));
    expect(aksu?.attachments).toEqual([{ url: 'https://photos.example.org/img/aksu.jpg', type: 'image', bytes: 523411 }]);
    expect(kashgar?.attachments).toEqual([
      {
        url: 'https://photos.example.org/img/kashgar.jpg',
        type: 'image',
        alt: 'Stalls lit by bulbs, a cook turning skewers',
        width: 1600,
        height: 900,
        bytes: 300000,
      },
    ]);
    expect(kashgar?.sensitive).toBeUndefined();
    expect(nfw?.attachments).toEqual([{ url: 'https://photos.example.org/img/nfw.jpg', type: 'image' }]);
    expect(nfw).toMatchObject({ sensitive: true, labels: ['adult'] });
  });

  it('JSONL: attachments, sensitive, contentWarning and labels are read; a line without them is read as before', () => {
    const withMedia = postSchema.parse({
      id: 'x:1',
      source: 'jsonl',
      author: { id: '42', handle: 'steppe_notes' },
      text: 'A photo #xinjiang',
      createdAt: '2026-11-20T07:12:00Z',
      attachments: [{ url: 'https://example.org/a.jpg', type: 'image', alt: 'A yurt' }],
      sensitive: true,
      contentWarning: 'camps',
      labels: ['graphic-media'],
    });
    expect(withMedia).toMatchObject({ attachments: [{ url: 'https://example.org/a.jpg', type: 'image', alt: 'A yurt' }], contentWarning: 'camps' });
    const plain = postSchema.parse({
      id: 'x:2',
      source: 'jsonl',
      author: { id: '42', handle: 'steppe_notes' },
      text: 'Plain',
      createdAt: '2026-11-20T07:12:00Z',
      media: 1,
    });
    expect(plain).toMatchObject({ media: 1 });
    expect(plain.attachments).toBeUndefined();
    expect(postSchema.safeParse({ ...plain, attachments: [{ url: 'javascript:alert(1)', type: 'image' }] }).success).toBe(false);
  });
});
