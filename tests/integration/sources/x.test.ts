import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeXPost, startFakeX, type FakeX } from '../../fakes/upstream/x.ts';
import { createHarness, NOW } from '../../support/sources.ts';

const TOKEN = 'test-bearer-secret';
const alice = { id: '11', username: 'steppe_notes', name: 'Steppe Notes' };
const bob = { id: '22', username: 'bob', name: 'Bob' };

let fake: FakeX;
let harness: ReturnType<typeof createHarness>;

function seed() {
  const t1 = makeXPost(alice, { id: '1900000000000000001', text: 'Notes from Ürümqi, 1/3 #Xinjiang' });
  const t2 = makeXPost(alice, { id: '1900000000000000002', text: '2/3 the middle, no tag', replyTo: t1 });
  const t3 = makeXPost(alice, { id: '1900000000000000003', text: '3/3 end #xinjiang', replyTo: t2 });
  const b1 = makeXPost(bob, { id: '1900000000000000004', text: 'Great thread #xinjiang', replyTo: t3 });
  const t4 = makeXPost(alice, { id: '1900000000000000005', text: 'thanks Bob', replyTo: b1 });
  const rt = makeXPost(bob, { id: '1900000000000000006', text: 'RT @steppe_notes: Notes from Ürümqi, 1/3 #Xinjiang', retweetOf: t1 });
  return { t1, t2, t3, b1, t4, rt };
}

beforeEach(async () => {
  fake = await startFakeX({ token: TOKEN, now: () => NOW });
  fake.users.push(alice, bob);
  harness = createHarness([{ type: 'x', hashtags: ['xinjiang'], every: 900_000 }], { credentials: { x: { bearerToken: TOKEN, apiUrl: fake.url } } });
});
afterEach(async () => {
  harness.close();
  await fake.close();
});

describe('X source', () => {
  it('a three-post self-thread whose middle post lacks the hashtag → stored whole; another account’s reply and the author’s answer to it stay out', async () => {
    const s = seed();
    fake.posts.push(s.t1, s.t2, s.t3, s.b1, s.t4, s.rt);
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]).toMatchObject({ errors: [], newThreads: 1, requests: 2 });
    const threads = await harness.threads('xinjiang');
    expect(threads).toHaveLength(1);
    expect(threads[0]?.posts.map((p) => p.text)).toEqual(['Notes from Ürümqi, 1/3 #Xinjiang', '2/3 the middle, no tag', '3/3 end #xinjiang']);
    expect(threads[0]?.url).toBe('https://x.com/steppe_notes/status/1900000000000000001');
    expect(threads[0]?.metrics).toEqual({ likes: 3, reposts: 1, replies: 2 });
    const [search, conversation] = fake.searches();
    expect(search?.query.get('query')).toBe('#xinjiang -is:retweet');
    expect(search?.query.get('tweet.fields')).toContain('note_tweet');
    expect(conversation?.query.get('query')).toBe('conversation_id:1900000000000000001 from:steppe_notes -is:retweet');
  });

  it('a long post → the whole note_tweet text, not the cut text', async () => {
    const long = `${'Long read. '.repeat(60)}#xinjiang`;
    fake.posts.push(makeXPost(alice, { id: '1900000000000000101', text: long }));
    await harness.poller.pollOnce();
    expect((await harness.threads('xinjiang'))[0]?.posts[0]?.text).toBe(long);
  });

  it('HTML-escaped text → decoded once into clean text', async () => {
    fake.posts.push(makeXPost(alice, { id: '1900000000000000201', text: 'Tea & cakes <3 > "all" #xinjiang' }));
    await harness.poller.pollOnce();
    expect((await harness.threads('xinjiang'))[0]?.posts[0]?.text).toBe('Tea & cakes <3 > "all" #xinjiang');
  });

  it('posts under the August 2026 field names (note_post, referenced_posts, repost_count) → read like the old ones', async () => {
    fake.newFieldNames = true;
    const s = seed();
    const long = `${'Long read. '.repeat(40)}#xinjiang`;
    fake.posts.push(s.t1, s.t2, s.t3, makeXPost(alice, { id: '1900000000000000301', text: long }));
    await harness.poller.pollOnce();
    const threads = await harness.threads('xinjiang');
    expect(threads.map((t) => t.posts.length).sort()).toEqual([1, 3]);
    expect(threads.find((t) => t.posts.length === 1)?.posts[0]?.text).toBe(long);
    expect(threads[0]?.metrics.reposts).toBe(1);
  });

  it('a second poll → sends since_id = the newest id seen and grows the thread with the new post', async () => {
    const s = seed();
    fake.posts.push(s.t1, s.t2, s.t3);
    await harness.poller.pollOnce();
    fake.posts.push(makeXPost(alice, { id: '1900000000000000007', text: '4/3 one more #xinjiang', replyTo: s.t3 }));
    const report = await harness.poller.pollOnce();
    const tagSearches = fake.searches().filter((r) => r.query.get('query')?.startsWith('#'));
    expect(tagSearches[1]?.query.get('since_id')).toBe(s.t3.id);
    expect(report.sources[0]).toMatchObject({ posts: 1, grownThreads: 1, newThreads: 0 });
    expect((await harness.threads('xinjiang'))[0]?.posts).toHaveLength(4);
  });

  it('more than 100 new posts since the last round → follows next_token with the same since_id; none skipped', async () => {
    fake.posts.push(seed().t1);
    await harness.poller.pollOnce();
    for (let i = 1; i <= 150; i++)
      fake.posts.push(makeXPost(bob, { id: String(1900000000000001000n + BigInt(i)), text: `reply ${i} #xinjiang`, replyTo: seed().t1 }));
    const report = await harness.poller.pollOnce();
    const pages = fake
      .searches()
      .filter((r) => r.query.get('query') === '#xinjiang -is:retweet')
      .slice(1);
    expect(pages.map((r) => [r.query.get('since_id'), r.query.get('next_token')])).toEqual([
      [seed().t1.id, null],
      [seed().t1.id, '100'],
    ]);
    expect(report.sources[0]?.posts).toBe(150);
    expect(await harness.stores.cursors.get('x', '#xinjiang')).toBe('1900000000000001150');
  });

  it('the author adds posts without the hashtag after a round → one search over the watched conversations grows the thread', async () => {
    const s = seed();
    fake.posts.push(s.t1, s.t2);
    await harness.poller.pollOnce();
    fake.posts.push(
      makeXPost(alice, { id: '1900000000000000008', text: 'a late part, untagged', replyTo: s.t2 }),
      makeXPost(bob, { id: '1900000000000000009', text: 'bob chimes in', replyTo: s.t2 }),
    );
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]).toMatchObject({ posts: 1, grownThreads: 1, requests: 2, errors: [] });
    const watch = fake.searches().at(-1);
    expect(watch?.query.get('query')).toBe('(conversation_id:1900000000000000001) -is:retweet');
    expect(watch?.query.get('since_id')).toBe(s.t1.id);
    expect((await harness.threads('xinjiang'))[0]?.posts.map((p) => p.text)).toEqual([
      'Notes from Ürümqi, 1/3 #Xinjiang',
      '2/3 the middle, no tag',
      'a late part, untagged',
    ]);
  });

  it('a 429 with x-rate-limit-reset (epoch seconds) → waits until the reset, then searches again', async () => {
    fake.posts.push(seed().t1);
    fake.failNext(429, { headers: { 'x-rate-limit-reset': String(NOW.getTime() / 1000 + 20) } });
    const report = await harness.poller.pollOnce();
    expect(harness.sleeps).toEqual([20_000]);
    expect(report.sources[0]?.errors).toEqual([]);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a 429 asking for longer than the patience → the round ends there (the limit is per app, not per tag), reported, cursor kept', async () => {
    fake.posts.push(seed().t1);
    harness.followed.push('uyghur');
    fake.failNext(429, { headers: { 'x-rate-limit-reset': String(NOW.getTime() / 1000 + 900) } });
    const report = await harness.poller.pollOnce();
    expect(harness.sleeps).toEqual([]);
    expect(report.sources[0]?.requests).toBe(1);
    expect(report.sources[0]?.errors).toEqual([expect.stringContaining('rate limited, retry in 900 s')]);
    expect(await harness.stores.cursors.get('x', '#xinjiang')).toBeUndefined();
  });

  it('a 500 → retried with backoff, the posts arrive', async () => {
    fake.posts.push(seed().t1);
    fake.failNext(500);
    const report = await harness.poller.pollOnce();
    expect(harness.sleeps).toHaveLength(1);
    expect(report.sources[0]?.errors).toEqual([]);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a malformed post in a page → skipped and reported by id, the good posts of the page stored', async () => {
    const s = seed();
    fake.posts.push(s.t1, {
      id: '1900000000000000050',
      author_id: '11',
      conversation_id: '1900000000000000050',
      text: 5,
      entities: { hashtags: [{ tag: 'xinjiang' }] },
    });
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]?.errors).toEqual([expect.stringMatching(/^post 1900000000000000050: /u)]);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('no bearer token → the source reports it and sends nothing; a token never appears in errors or logs', async () => {
    const noToken = createHarness([{ type: 'x', hashtags: ['xinjiang'], every: 900_000 }], { credentials: { x: { apiUrl: fake.url } } });
    const report = await noToken.poller.pollOnce();
    noToken.close();
    expect(report.sources[0]).toMatchObject({ requests: 0, errors: ['x: X_BEARER_TOKEN is not set'] });
    fake.failNext(500, { times: 8 });
    await harness.poller.pollOnce();
    expect(JSON.stringify(harness.log.entries)).not.toContain(TOKEN);
  });
});
