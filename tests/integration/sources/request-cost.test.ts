import { afterEach, describe, expect, it } from 'vitest';
import { makeBskyPost, startFakeBluesky } from '../../fakes/upstream/bluesky.ts';
import { makeStatus, startFakeMastodon, type FakeStatus } from '../../fakes/upstream/mastodon.ts';
import { makeXPost, startFakeX, type FakeXPost } from '../../fakes/upstream/x.ts';
import type { FakeServer } from '../../fakes/upstream/server.ts';
import { createHarness, NOW } from '../../support/sources.ts';

// What a poll round costs per hashtag, counted from the fakes' request logs (docs/platforms/sources.md):
// round 1 finds 5 three-post threads (middle post untagged) and 3 tagged replies by others,
// round 2 finds nothing new, round 3 one new thread.

const closing: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function rounds(harness: ReturnType<typeof createHarness>, server: FakeServer, addRound3: () => void): Promise<number[]> {
  const counts: number[] = [];
  for (let round = 1; round <= 3; round++) {
    if (round === 3) addRound3();
    const before = server.requests.length;
    const report = await harness.poller.pollOnce();
    expect(report.sources[0]?.errors).toEqual([]);
    counts.push(server.requests.length - before);
  }
  expect((await harness.threads('xinjiang')).map((t) => t.posts.length)).toEqual([3, 3, 3, 3, 3, 3]);
  return counts;
}

describe('request cost of a poll round, per hashtag', () => {
  it('Mastodon → 1 + 1 per new thread + 1 per watched recent thread (≤ 5)', async () => {
    const fake = await startFakeMastodon({ now: () => NOW });
    const harness = createHarness([{ type: 'mastodon', instance: fake.url, hashtags: ['xinjiang'], every: 300_000 }]);
    closing.push(
      () => fake.close(),
      () => void harness.close(),
    );
    let id = 110000000000000000n;
    const thread = (author: { id: string; username: string }) => {
      const a = makeStatus(fake.url, author, { id: String(++id), content: '<p>1 #xinjiang</p>', tags: ['xinjiang'] });
      const b = makeStatus(fake.url, author, { id: String(++id), content: '<p>2</p>', replyTo: a });
      const c: FakeStatus = makeStatus(fake.url, author, { id: String(++id), content: '<p>3 #xinjiang</p>', tags: ['xinjiang'], replyTo: b });
      fake.statuses.push(
        a,
        b,
        c,
        makeStatus(fake.url, { id: '9', username: 'other' }, { id: String(++id), content: '<p>nice #xinjiang</p>', tags: ['xinjiang'], replyTo: c }),
      );
    };
    for (let i = 0; i < 5; i++) thread({ id: String(100 + i), username: `u${i}` });
    expect(await rounds(harness, fake, () => thread({ id: '200', username: 'late' }))).toEqual([6, 6, 7]);
  });

  it('X → 1 search + 1 conversation search per new thread + 1 search for all watched recent threads', async () => {
    const fake = await startFakeX({ token: 't', now: () => NOW });
    const harness = createHarness([{ type: 'x', hashtags: ['xinjiang'], every: 900_000 }], { credentials: { x: { bearerToken: 't', apiUrl: fake.url } } });
    closing.push(
      () => fake.close(),
      () => void harness.close(),
    );
    const other = { id: '9', username: 'other', name: 'Other' };
    fake.users.push(other);
    let id = 1900000000000000000n;
    const thread = (n: number) => {
      const user = { id: String(100 + n), username: `u${n}`, name: `U${n}` };
      fake.users.push(user);
      const a = makeXPost(user, { id: String(++id), text: '1 #xinjiang' });
      const b = makeXPost(user, { id: String(++id), text: '2', replyTo: a });
      const c: FakeXPost = makeXPost(user, { id: String(++id), text: '3 #xinjiang', replyTo: b });
      fake.posts.push(a, b, c, makeXPost(other, { id: String(++id), text: 'nice #xinjiang', replyTo: c }));
    };
    for (let i = 0; i < 5; i++) thread(i);
    expect(await rounds(harness, fake, () => thread(7))).toEqual([6, 2, 3]);
  });

  it('Bluesky → 1 search + 1 getPostThread per new thread + 1 per watched recent thread (≤ 5), +1 login per process', async () => {
    const fake = await startFakeBluesky({ identifier: 'me', password: 'pw', now: () => NOW });
    const harness = createHarness([{ type: 'bluesky', hashtags: ['xinjiang'], every: 600_000 }], {
      credentials: { bluesky: { identifier: 'me', appPassword: 'pw', service: fake.url } },
    });
    closing.push(
      () => fake.close(),
      () => void harness.close(),
    );
    let minute = 0;
    const at = () => new Date(Date.UTC(2026, 10, 20, 12, minute++)).toISOString();
    const thread = (n: number) => {
      const author = { did: `did:plc:u${n}`, handle: `u${n}.bsky.social` };
      const a = makeBskyPost(author, { rkey: `${n}a`, text: '1 #xinjiang', createdAt: at() });
      const b = makeBskyPost(author, { rkey: `${n}b`, text: '2', replyTo: a, createdAt: at() });
      const c = makeBskyPost(author, { rkey: `${n}c`, text: '3 #xinjiang', replyTo: b, createdAt: at() });
      fake.posts.push(
        a,
        b,
        c,
        makeBskyPost({ did: 'did:plc:other', handle: 'o.bsky.social' }, { rkey: `${n}o`, text: 'nice #xinjiang', replyTo: c, createdAt: at() }),
      );
    };
    for (let i = 0; i < 5; i++) thread(i);
    expect(await rounds(harness, fake, () => thread(7))).toEqual([7, 6, 7]);
  });
});
