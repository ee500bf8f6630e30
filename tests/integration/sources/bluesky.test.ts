import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBskyPost, startFakeBluesky, type FakeBluesky } from '../../fakes/upstream/bluesky.ts';
import { createHarness, NOW } from '../../support/sources.ts';

const IDENTIFIER = 'spool.example.com';
const PASSWORD = 'app-pass-word-1234';
const alice = { did: 'did:plc:alice111', handle: 'steppe.bsky.social', displayName: 'Steppe Notes' };
const bob = { did: 'did:plc:bob22222', handle: 'bob.bsky.social' };

let fake: FakeBluesky;
let harness: ReturnType<typeof createHarness>;

function seed() {
  const p1 = makeBskyPost(alice, { rkey: '3lbaaa001', text: 'Notes from Ürümqi, 1/3 #Xinjiang' });
  const p2 = makeBskyPost(alice, { rkey: '3lbaaa002', text: '2/3 the middle, no tag', replyTo: p1 });
  const p3 = makeBskyPost(alice, { rkey: '3lbaaa003', text: '3/3 end — 维吾尔 #xinjiang', replyTo: p2 });
  const b1 = makeBskyPost(bob, { rkey: '3lbaaa004', text: 'Great thread #xinjiang', replyTo: p3 });
  const p4 = makeBskyPost(alice, { rkey: '3lbaaa005', text: 'thanks Bob', replyTo: b1 });
  return { p1, p2, p3, b1, p4 };
}

beforeEach(async () => {
  fake = await startFakeBluesky({ identifier: IDENTIFIER, password: PASSWORD, now: () => NOW });
  harness = createHarness([{ type: 'bluesky', hashtags: ['xinjiang'], every: 600_000 }], {
    credentials: { bluesky: { identifier: IDENTIFIER, appPassword: PASSWORD, service: fake.url } },
  });
});
afterEach(async () => {
  harness.close();
  await fake.close();
});

describe('Bluesky source', () => {
  it('a three-post self-thread whose middle post lacks the hashtag → stored whole (thread replies arrive in reverse); others’ replies and the author’s answer stay out', async () => {
    const s = seed();
    fake.posts.push(s.p1, s.p2, s.p3, s.b1, s.p4);
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]).toMatchObject({ errors: [], newThreads: 1 });
    const threads = await harness.threads('xinjiang');
    expect(threads).toHaveLength(1);
    expect(threads[0]?.posts.map((p) => p.text)).toEqual(['Notes from Ürümqi, 1/3 #Xinjiang', '2/3 the middle, no tag', '3/3 end — 维吾尔 #xinjiang']);
    expect(threads[0]?.url).toBe('https://bsky.app/profile/steppe.bsky.social/post/3lbaaa001');
    // Login, one search, one getPostThread of the root.
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/xrpc/com.atproto.server.createSession',
      '/xrpc/app.bsky.feed.searchPosts',
      '/xrpc/app.bsky.feed.getPostThread',
    ]);
    expect(fake.searches()[0]?.query.get('tag')).toBe('xinjiang');
    expect(fake.searches()[0]?.query.get('sort')).toBe('latest');
    expect(fake.requests[2]?.query.get('uri')).toBe(s.p1.uri);
  });

  it('a shortened link after multi-byte text → the facet’s full URI restored by byte offsets; tag facets become hashtags', async () => {
    const text = 'Ürümqi 维吾尔 report: example.org/a/very-lo... #Uyghur';
    fake.posts.push(
      makeBskyPost(alice, { rkey: '3lbbbb001', text, links: [{ shown: 'example.org/a/very-lo...', uri: 'https://example.org/a/very-long/path' }] }),
    );
    harness.followed.push('uyghur');
    await harness.poller.pollOnce();
    const [thread] = await harness.threads('uyghur');
    expect(thread?.posts[0]?.text).toBe('Ürümqi 维吾尔 report: https://example.org/a/very-long/path #Uyghur');
    expect(thread?.hashtags).toEqual(['uyghur']);
  });

  it('a long post → its whole text is kept', async () => {
    const text = `${'Ürümqi notes. '.repeat(20)}#xinjiang`;
    fake.posts.push(makeBskyPost(alice, { rkey: '3lbcccc01', text }));
    await harness.poller.pollOnce();
    expect((await harness.threads('xinjiang'))[0]?.posts[0]?.text).toBe(text);
  });

  it('a second poll → searches since the newest indexedAt seen and keeps the session', async () => {
    const s = seed();
    fake.posts.push(s.p1, s.p2, s.p3);
    await harness.poller.pollOnce();
    fake.posts.push(makeBskyPost(alice, { rkey: '3lbaaa00z', text: '4/3 more #xinjiang', replyTo: s.p3 }));
    const report = await harness.poller.pollOnce();
    expect(fake.searches()[1]?.query.get('since')).toBe(s.p3.indexedAt);
    expect(fake.requestsTo('/xrpc/com.atproto.server.createSession')).toHaveLength(1);
    expect(report.sources[0]).toMatchObject({ posts: 1, grownThreads: 1 });
    expect((await harness.threads('xinjiang'))[0]?.posts).toHaveLength(4);
  });

  it('the author adds a post without the hashtag after a round → the next round re-reads the recent thread and grows it', async () => {
    const s = seed();
    fake.posts.push(s.p1, s.p2);
    await harness.poller.pollOnce();
    fake.posts.push(makeBskyPost(alice, { rkey: '3lbaaa00y', text: 'a late part, untagged', replyTo: s.p2 }));
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]).toMatchObject({ posts: 1, grownThreads: 1, errors: [] });
    expect(fake.requests.at(-1)?.query.get('uri')).toBe(s.p1.uri);
    expect((await harness.threads('xinjiang'))[0]?.posts.at(-1)?.text).toBe('a late part, untagged');
  });

  it('an expired access token → refreshSession, then the same call again', async () => {
    fake.posts.push(seed().p1);
    await harness.poller.pollOnce();
    fake.expireAccessTokens();
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]?.errors).toEqual([]);
    expect(fake.requestsTo('/xrpc/com.atproto.server.refreshSession')).toHaveLength(1);
    expect(fake.requestsTo('/xrpc/com.atproto.server.refreshSession')[0]?.headers.authorization).toBe('Bearer refresh-1');
  });

  it('a 429 with ratelimit-reset → waits; a 500 → retried; the posts arrive', async () => {
    fake.posts.push(seed().p1);
    fake.failNext(429, { path: '/xrpc/app.bsky.feed.searchPosts', headers: { 'ratelimit-reset': String(NOW.getTime() / 1000 + 10) } });
    fake.failNext(500, { path: '/xrpc/app.bsky.feed.getPostThread' });
    const report = await harness.poller.pollOnce();
    expect(harness.sleeps[0]).toBe(10_000);
    expect(harness.sleeps).toHaveLength(2);
    expect(report.sources[0]?.errors).toEqual([]);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a malformed post view in a page → skipped and reported by URI, the good posts stored', async () => {
    fake.posts.push(seed().p1, {
      uri: 'at://did:plc:x/app.bsky.feed.post/bad1',
      indexedAt: '2026-11-20T12:00:00.000Z',
      record: { text: 7, facets: [{ index: { byteStart: 0, byteEnd: 3 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'xinjiang' }] }] },
    });
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]?.errors).toEqual([expect.stringMatching(/^post at:\/\/did:plc:x\/app\.bsky\.feed\.post\/bad1: /u)]);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a wrong app password → the round reports the refused login without the password', async () => {
    const wrong = createHarness([{ type: 'bluesky', hashtags: ['xinjiang'], every: 600_000 }], {
      credentials: { bluesky: { identifier: IDENTIFIER, appPassword: 'wrong-secret-pw', service: fake.url } },
    });
    const report = await wrong.poller.pollOnce();
    wrong.close();
    expect(report.sources[0]?.errors).toEqual([expect.stringContaining('401')]);
    expect(JSON.stringify(report) + JSON.stringify(wrong.log.entries)).not.toContain('wrong-secret-pw');
  });
});
