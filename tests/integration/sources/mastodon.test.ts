import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStatus, startFakeMastodon, type FakeMastodon } from '../../fakes/upstream/mastodon.ts';
import { createHarness, NOW } from '../../support/sources.ts';
import { decodePost } from '../../../src/store/post-codec.ts';

const alice = { id: '1001', username: 'steppe_notes', name: 'Steppe Notes' };
const bob = { id: '2002', username: 'bob' };

let fake: FakeMastodon;
let harness: ReturnType<typeof createHarness>;

/** The scene every test starts from: a self-thread with an untagged middle, replies by others, a reblog. */
function seed(origin: string) {
  const a1 = makeStatus(origin, alice, {
    id: '110000000000000101',
    content: '<p>Notes from Ürümqi, part one <a href="https://m.example/tags/xinjiang" class="mention hashtag" rel="tag">#<span>Xinjiang</span></a></p>',
    tags: ['xinjiang'],
  });
  const a2 = makeStatus(origin, alice, { id: '110000000000000102', content: '<p>Part two: no tag here.</p>', replyTo: a1 });
  const a3 = makeStatus(origin, alice, {
    id: '110000000000000103',
    content: '<p>Part three <a href="x" class="mention hashtag">#<span>xinjiang</span></a></p>',
    tags: ['xinjiang'],
    replyTo: a2,
  });
  const b1 = makeStatus(origin, bob, { id: '110000000000000104', content: '<p>Great thread #xinjiang</p>', tags: ['xinjiang'], replyTo: a3 });
  const a4 = makeStatus(origin, alice, { id: '110000000000000105', content: '<p>Thanks Bob!</p>', replyTo: b1 });
  const reblog = { ...makeStatus(origin, bob, { id: '110000000000000106', content: '', tags: ['xinjiang'] }), reblog: a1 };
  return { a1, a2, a3, b1, a4, reblog };
}

beforeEach(async () => {
  fake = await startFakeMastodon({ now: () => NOW });
  harness = createHarness([{ type: 'mastodon', instance: fake.url, hashtags: ['xinjiang'], every: 300_000 }]);
});
afterEach(async () => {
  harness.close();
  await fake.close();
});

describe('Mastodon source', () => {
  it('a three-post self-thread whose middle post lacks the hashtag → stored whole; replies by others, the author’s answer to them and reblogs stay out', async () => {
    const s = seed(fake.url);
    fake.statuses.push(s.a1, s.a2, s.a3, s.b1, s.a4, s.reblog);
    const report = await harness.poller.pollOnce();
    const [source] = report.sources;
    expect(source?.errors).toEqual([]);
    expect(source?.skipped).toBeGreaterThanOrEqual(1);
    const threads = await harness.threads('xinjiang');
    expect(threads).toHaveLength(1);
    expect(threads[0]?.posts.map((p) => p.text)).toEqual(['Notes from Ürümqi, part one #Xinjiang', 'Part two: no tag here.', 'Part three #xinjiang']);
    // The handle with its domain: a local account's acct lacks it, and the same account seen from another instance has it.
    expect(threads[0]?.author.handle).toBe(`steppe_notes@${new URL(fake.url).host}`);
    expect(source?.newThreads).toBe(1);
    // One timeline request, one context request for the whole thread.
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/v1/timelines/tag/xinjiang', `/api/v1/statuses/${s.a1.id}/context`]);
  });

  it('HTML with paragraphs, <br>, a list, a hidden-part link, entities and a content warning → clean plain text, the warning kept apart as the thread’s content warning', async () => {
    fake.statuses.push(
      makeStatus(fake.url, alice, {
        id: '110000000000000201',
        spoiler_text: 'detention, long',
        content:
          '<p>Line one<br>line two &amp; &quot;three&quot; &lt;ok&gt;</p><p>See <a href="https://example.org/a/very/long/path"><span class="invisible">https://</span><span class="ellipsis">example.org/a/very/</span><span class="invisible">long/path</span></a></p><ul><li>first</li><li>second</li></ul><p>#xinjiang</p>',
        tags: ['xinjiang'],
      }),
    );
    await harness.poller.pollOnce();
    const [thread] = await harness.threads('xinjiang');
    expect(thread?.sensitive).toEqual({ warning: 'detention, long', labels: [], ageRestricted: false });
    expect(thread?.posts[0]?.text).toBe('Line one\nline two & "three" <ok>\n\nSee https://example.org/a/very/long/path\n\n- first\n- second\n\n#xinjiang');
  });

  it('a long post → its whole text is kept', async () => {
    const body = 'word '.repeat(1500).trim();
    fake.statuses.push(makeStatus(fake.url, alice, { id: '110000000000000301', content: `<p>${body} #xinjiang</p>`, tags: ['xinjiang'] }));
    await harness.poller.pollOnce();
    expect((await harness.threads('xinjiang'))[0]?.posts[0]?.text).toBe(`${body} #xinjiang`);
  });

  it('a bot account → the post is marked as a bot’s', async () => {
    fake.statuses.push(makeStatus(fake.url, { ...alice, bot: true }, { id: '110000000000000401', content: '<p>auto #xinjiang</p>', tags: ['xinjiang'] }));
    await harness.poller.pollOnce();
    const row = harness.db.prepare<[], { id: string; body: string }>('SELECT id, body FROM posts').get();
    expect(row && decodePost(row.id, row.body).author.bot).toBe(true);
  });

  it('a second poll → asks only for statuses after the newest seen (min_id) and grows the thread', async () => {
    const s = seed(fake.url);
    fake.statuses.push(s.a1, s.a2, s.a3);
    await harness.poller.pollOnce();
    const a5 = makeStatus(fake.url, alice, { id: '110000000000000107', content: '<p>Part four #xinjiang</p>', tags: ['xinjiang'], replyTo: s.a3 });
    fake.statuses.push(a5);
    const report = await harness.poller.pollOnce();
    const timeline = fake.timelineRequests();
    expect(timeline).toHaveLength(2);
    expect(timeline[1]?.query.get('min_id')).toBe(s.a3.id);
    expect(report.sources[0]?.grownThreads).toBe(1);
    expect((await harness.threads('xinjiang'))[0]?.posts).toHaveLength(4);
    // The third round finds nothing new and writes nothing: one timeline page, one re-check of the watched thread.
    const third = await harness.poller.pollOnce();
    expect(third.sources[0]).toMatchObject({ posts: 0, requests: 2, errors: [] });
  });

  it('the author adds a post without the hashtag after a round → the next round re-checks the recent thread and grows it', async () => {
    const s = seed(fake.url);
    fake.statuses.push(s.a1, s.a2);
    await harness.poller.pollOnce();
    fake.statuses.push(makeStatus(fake.url, alice, { id: '110000000000000108', content: '<p>a late part, untagged</p>', replyTo: s.a2 }));
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]).toMatchObject({ posts: 1, grownThreads: 1, errors: [] });
    expect(fake.requests.at(-1)?.path).toBe(`/api/v1/statuses/${s.a1.id}/context`);
    expect((await harness.threads('xinjiang'))[0]?.posts.map((p) => p.text)).toEqual([
      'Notes from Ürümqi, part one #Xinjiang',
      'Part two: no tag here.',
      'a late part, untagged',
    ]);
  });

  it('more than a page of new statuses since the last round → pages forward with min_id until a short page; none skipped', async () => {
    fake.statuses.push(makeStatus(fake.url, alice, { id: '110000000000001000', content: '<p>first #xinjiang</p>', tags: ['xinjiang'] }));
    await harness.poller.pollOnce();
    for (let i = 1; i <= 45; i++) {
      fake.statuses.push(
        makeStatus(
          fake.url,
          { id: String(5000 + i), username: `u${i}` },
          { id: String(110000000000001000n + BigInt(i)), content: `<p>post ${i} #xinjiang</p>`, tags: ['xinjiang'] },
        ),
      );
    }
    const report = await harness.poller.pollOnce();
    const pages = fake.timelineRequests().slice(1);
    expect(pages.map((r) => r.query.get('min_id'))).toEqual(['110000000000001000', '110000000000001040']);
    expect(report.sources[0]?.posts).toBe(45);
    expect(await harness.stores.cursors.get(`mastodon ${new URL(fake.url).host}`, '#xinjiang')).toBe('110000000000001045');
  });

  it('a 429 with X-RateLimit-Reset (ISO time) → waits until the reset, then gets the page', async () => {
    fake.statuses.push(seed(fake.url).a1);
    fake.failNext(429, { headers: { 'x-ratelimit-reset': new Date(NOW.getTime() + 30_000).toISOString() } });
    const report = await harness.poller.pollOnce();
    expect(harness.sleeps).toEqual([30_000]);
    expect(report.sources[0]?.errors).toEqual([]);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a 500 → retried with backoff, the posts arrive', async () => {
    fake.statuses.push(seed(fake.url).a1);
    fake.failNext(500);
    const report = await harness.poller.pollOnce();
    expect(harness.sleeps).toHaveLength(1);
    expect(report.sources[0]?.requests).toBe(3); // 500, the retry, the context
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a malformed status in a page → skipped and reported by id, the good statuses of the page stored', async () => {
    const s = seed(fake.url);
    fake.statuses.push(s.a1, { id: '110000000000000150', created_at: NOW.toISOString(), content: 42, account: {} });
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]?.errors).toEqual([expect.stringMatching(/^status 110000000000000150: /u)]);
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('a garbage page → reported, the cursor kept, and the next round gets everything', async () => {
    fake.statuses.push(seed(fake.url).a1);
    fake.failNext('garbage');
    const first = await harness.poller.pollOnce();
    expect(first.sources[0]?.errors).toEqual([expect.stringContaining('not JSON')]);
    expect(await harness.threads('xinjiang')).toHaveLength(0);
    await harness.poller.pollOnce();
    expect(await harness.threads('xinjiang')).toHaveLength(1);
  });

  it('the instance down for three rounds → reported as failing since the first failure', async () => {
    fake.failNext(500, { times: 12 });
    let last;
    for (let i = 0; i < 3; i++) last = await harness.poller.pollOnce();
    expect(last?.sources[0]?.failingSince).toBe(NOW.toISOString());
    expect(harness.log.entries.some((e) => e.level === 'error' && e.msg === 'source failing for long')).toBe(true);
  });
});
