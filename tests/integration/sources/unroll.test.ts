import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBskyPost } from '../../fakes/upstream/bluesky.ts';
import { makeStatus } from '../../fakes/upstream/mastodon.ts';
import { makeXPost } from '../../fakes/upstream/x.ts';
import { CHAT, postTexts, startUnrollWorld, type UnrollWorld } from '../../support/unroll-world.ts';

let w: UnrollWorld;
beforeEach(async () => {
  w = await startUnrollWorld();
});
afterEach(async () => {
  await w.close();
});

const alice = { id: '11', username: 'steppe_notes', name: 'Steppe Notes' };
const bob = { id: '22', username: 'bob', name: 'Bob' };

function xThread() {
  const t1 = makeXPost(alice, { id: '1900000000000000001', text: 'Notes from Ürümqi, 1/3 #Xinjiang' });
  const t2 = makeXPost(alice, { id: '1900000000000000002', text: '2/3 the middle, no tag', replyTo: t1 });
  const t3 = makeXPost(alice, { id: '1900000000000000003', text: '3/3 end #xinjiang', replyTo: t2 });
  const b1 = makeXPost(bob, { id: '1900000000000000004', text: 'Great thread', replyTo: t3 });
  return { t1, t2, t3, b1 };
}

describe('/unroll against fake X (conversation search, lookups)', () => {
  beforeEach(() => void w.x.users.push(alice, bob));

  it('a link to the middle post → the whole thread, the untagged middle post included, stored; another account’s reply left out', async () => {
    const s = xThread();
    w.x.posts.push(s.t1, s.t2, s.t3, s.b1);
    const reply = await w.unroll(`https://x.com/steppe_notes/status/${s.t2.id}?s=20`);
    expect(postTexts(reply)).toEqual(['Notes from Ürümqi, 1/3 #Xinjiang', '2/3 the middle, no tag', '3/3 end #xinjiang']);
    expect(reply).toMatchObject({ kind: 'thread', page: 1, pages: 1, first: 1, update: { status: 'new', added: 3 } });
    expect((await w.stores.threads.getThread(`x:${s.t1.id}`))?.storedCount).toBe(3);
    const search = w.x.searches()[0]?.query.get('query');
    expect(search).toBe(`conversation_id:${s.t1.id} from:steppe_notes -is:retweet`);
  });

  it('a thread older than the 7 days recent search covers → climbed by lookups from the linked last post', async () => {
    const old = (i: number) => `2026-11-0${i}T10:00:00.000Z`;
    const o1 = makeXPost(alice, { id: '1800000000000000001', text: 'An old thread #cotton', createdAt: old(1) });
    const o2 = makeXPost(alice, { id: '1800000000000000002', text: 'its middle', replyTo: o1, createdAt: old(2) });
    const o3 = makeXPost(alice, { id: '1800000000000000003', text: 'its end', replyTo: o2, createdAt: old(3) });
    w.x.posts.push(o1, o2, o3);
    expect(postTexts(await w.unroll(`https://twitter.com/steppe_notes/status/${o3.id}`))).toEqual(['An old thread #cotton', 'its middle', 'its end']);
  });

  it('unrolled again after the author went on → the stored thread gains the new post, and the answer says so', async () => {
    const s = xThread();
    w.x.posts.push(s.t1, s.t2, s.t3);
    await w.unroll(`https://x.com/steppe_notes/status/${s.t1.id}`);
    w.x.posts.push(makeXPost(alice, { id: '1900000000000000009', text: '4/3 one more, untagged', replyTo: s.t3 }));
    const again = await w.unroll(`https://x.com/steppe_notes/status/${s.t1.id}`);
    expect(again).toMatchObject({ update: { status: 'grown', added: 1 } });
    expect(postTexts(again)).toHaveLength(4);
    expect((await w.stores.threads.getThread(`x:${s.t1.id}`))?.posts.at(-1)?.text).toBe('4/3 one more, untagged');
    expect(await w.unroll(`https://x.com/steppe_notes/status/${s.t1.id}`)).toMatchObject({ update: { status: 'same', added: 0 } });
  });

  it('a deleted post and a protected account’s post → one sentence each, nothing stored', async () => {
    const carol = { id: '33', username: 'carol', name: 'Carol' };
    w.x.users.push(carol);
    w.x.protectedUsers.add('33');
    w.x.posts.push(makeXPost(carol, { id: '1900000000000000100', text: 'protected words' }));
    expect(await w.unroll('https://x.com/steppe_notes/status/1900000000000000999')).toMatchObject({
      kind: 'failure',
      message: 'X shows no such post: it was deleted or is not public, or the link is mistyped.',
    });
    expect(await w.unroll('https://x.com/carol/status/1900000000000000100')).toMatchObject({
      kind: 'failure',
      message: 'That post on X is not public (a protected or followers-only account), so Spool cannot unroll it.',
    });
    expect(await w.stores.isEmpty()).toBe(true);
  });

  it('a reply to someone else → one sentence: it starts no thread', async () => {
    const s = xThread();
    w.x.posts.push(s.t1, s.t2, s.t3, s.b1);
    expect(await w.unroll(`https://x.com/bob/status/${s.b1.id}`)).toMatchObject({ failure: { code: 'unroll.not-a-thread' } });
  });

  it('X answering 503 every time → retried, logged, and one sentence to try again', async () => {
    w.x.failNext(503, { times: 5 });
    expect(await w.unroll('https://x.com/steppe_notes/status/1900000000000000001')).toMatchObject({
      message: 'X did not answer as expected; it has been logged, please try again in a few minutes.',
    });
    expect(w.x.requests).toHaveLength(2);
    expect(w.log.entries.some((e) => e.msg === 'unroll: upstream fault')).toBe(true);
    expect(JSON.stringify(w.log.entries)).not.toContain('unroll-bearer-secret');
  });
});

describe('/unroll against a fake Mastodon instance (status, then context)', () => {
  const account = { id: '5', username: 'alice', name: 'Alice' };
  const other = { id: '6', username: 'dan' };
  function statuses(origin: string) {
    const m1 = makeStatus(origin, account, { id: '113000000000000001', content: '<p>Thread on <a href="#">#Xinjiang</a> 1/3</p>', tags: ['xinjiang'] });
    const m2 = makeStatus(origin, account, { id: '113000000000000002', content: '<p>2/3 &amp; no tag</p>', replyTo: m1 });
    const m3 = makeStatus(origin, account, { id: '113000000000000003', content: '<p>3/3</p>', replyTo: m2 });
    const d1 = makeStatus(origin, other, { id: '113000000000000004', content: '<p>nice</p>', replyTo: m2 });
    return { m1, m2, m3, d1 };
  }

  it('a link to the middle status (both URL forms) → the author’s whole thread, the untagged posts included', async () => {
    const s = statuses(w.mastodon.url);
    w.mastodon.statuses.push(s.m1, s.m2, s.m3, s.d1);
    expect(postTexts(await w.unroll(`${w.mastodon.url}/@alice/${s.m2.id}`))).toEqual(['Thread on #Xinjiang 1/3', '2/3 & no tag', '3/3']);
    expect(postTexts(await w.unroll(`${w.mastodon.url}/users/alice/statuses/${s.m3.id}`))).toHaveLength(3);
    expect(w.mastodon.requestsTo('/api/v1/statuses/').map((r) => r.path)).toContain(`/api/v1/statuses/${s.m2.id}/context`);
  });

  it('a new status after the first unroll → the refresh adds it', async () => {
    const s = statuses(w.mastodon.url);
    w.mastodon.statuses.push(s.m1, s.m2);
    expect(await w.unroll(`${w.mastodon.url}/@alice/${s.m1.id}`)).toMatchObject({ update: { status: 'new', added: 2 } });
    w.mastodon.statuses.push(s.m3);
    expect(await w.unroll(`${w.mastodon.url}/@alice/${s.m1.id}`)).toMatchObject({ update: { status: 'grown', added: 1 } });
  });

  it('a followers-only status, a deleted one, an instance that wants a login → one sentence each', async () => {
    const host = new URL(w.mastodon.url).host;
    w.mastodon.statuses.push(makeStatus(w.mastodon.url, account, { id: '113000000000000010', content: '<p>friends only</p>', visibility: 'private' }));
    const hidden = 'shows no such post: it was deleted or is not public, or the link is mistyped.';
    expect(await w.unroll(`${w.mastodon.url}/@alice/113000000000000010`)).toMatchObject({ message: `${host} ${hidden}` });
    expect(await w.unroll(`${w.mastodon.url}/@alice/113000000000000099`)).toMatchObject({ message: `${host} ${hidden}` });
    w.mastodon.requireLogin = true;
    expect(await w.unroll(`${w.mastodon.url}/@alice/113000000000000010`)).toMatchObject({
      message: `${host} shows its posts only to logged-in users, so Spool cannot unroll them.`,
    });
  });
});

describe('/unroll against a fake Bluesky AppView (handle resolved, then getPostThread)', () => {
  const alice = { did: 'did:plc:alice0000000000000000000', handle: 'alice.bsky.social', displayName: 'Alice' };
  function posts() {
    const b1 = makeBskyPost(alice, { rkey: '3kaaaaaaaaa01', text: 'A thread on #Xinjiang 1/3' });
    const b2 = makeBskyPost(alice, { rkey: '3kaaaaaaaaa02', text: '2/3 without a tag', replyTo: b1 });
    const b3 = makeBskyPost(alice, { rkey: '3kaaaaaaaaa03', text: '3/3 the end', replyTo: b2 });
    return { b1, b2, b3 };
  }

  it('a bsky.app link to the middle post → the whole thread, read anonymously', async () => {
    const s = posts();
    w.bluesky.posts.push(s.b1, s.b2, s.b3);
    const reply = await w.unroll('https://bsky.app/profile/alice.bsky.social/post/3kaaaaaaaaa02');
    expect(postTexts(reply)).toEqual(['A thread on #Xinjiang 1/3', '2/3 without a tag', '3/3 the end']);
    expect(w.bluesky.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(w.bluesky.requestsTo('/xrpc/com.atproto.identity.resolveHandle')).toHaveLength(1);
  });

  it('refreshed after a new part → gains it; a deleted post, an unknown handle, a post hidden from the public → one sentence each', async () => {
    const s = posts();
    w.bluesky.posts.push(s.b1, s.b2);
    await w.unroll(`https://bsky.app/profile/${alice.did}/post/3kaaaaaaaaa01`);
    w.bluesky.posts.push(s.b3);
    expect(await w.unroll(`https://bsky.app/profile/${alice.did}/post/3kaaaaaaaaa01`)).toMatchObject({ update: { status: 'grown', added: 1 } });
    const missing = 'Bluesky shows no such post: it was deleted or is not public, or the link is mistyped.';
    expect(await w.unroll('https://bsky.app/profile/alice.bsky.social/post/3kzzzzzzzzzzz')).toMatchObject({ message: missing });
    expect(await w.unroll('https://bsky.app/profile/nobody.bsky.social/post/3kaaaaaaaaa01')).toMatchObject({ message: missing });
    w.bluesky.blocked.add(s.b1.uri);
    expect(await w.unroll('https://bsky.app/profile/alice.bsky.social/post/3kaaaaaaaaa01')).toMatchObject({ failure: { code: 'unroll.private' } });
  });
});

describe('/unroll: links it cannot use, and paging', () => {
  it('no link, a link to no post, a page of another site → one sentence each, and nothing is fetched', async () => {
    expect(await w.router.handleText('/unroll', CHAT)).toMatchObject({ failure: { code: 'unroll.missing' } });
    expect(await w.unroll('https://example.com/about')).toMatchObject({
      message: '“https://example.com/about” is not a post link Spool can unroll: use a link to a post on X, Mastodon or Bluesky (bsky.app).',
    });
    expect(await w.unroll('https://x.com/steppe_notes')).toMatchObject({ failure: { code: 'unroll.unsupported' } });
    expect([...w.x.requests, ...w.bluesky.requests, ...w.mastodon.requests]).toEqual([]);
  });

  it('a Mastodon link to a private address, with the default guard → refused before any request', async () => {
    const guarded = await startUnrollWorld({ allowPrivateHosts: false });
    try {
      const host = new URL(guarded.mastodon.url).host;
      expect(await guarded.unroll(`${guarded.mastodon.url}/@alice/113000000000000001`)).toMatchObject({
        message: `Spool does not fetch from ${host}: only public servers over https.`,
      });
      expect(guarded.mastodon.requests).toEqual([]);
    } finally {
      await guarded.close();
    }
  });

  it('a 25-post thread → pages of at most 10 posts; page 2 comes from the store by the thread id, with no request', async () => {
    const origin = w.mastodon.url;
    const chain = [makeStatus(origin, { id: '5', username: 'alice' }, { id: '113000000000000100', content: '<p>long 1 #long</p>', tags: ['long'] })];
    for (let i = 1; i < 25; i++)
      chain.push(
        makeStatus(
          origin,
          { id: '5', username: 'alice' },
          { id: String(113000000000000100n + BigInt(i)), content: `<p>long ${i + 1}</p>`, replyTo: chain[i - 1] },
        ),
      );
    w.mastodon.statuses.push(...chain);
    const first = await w.unroll(`${origin}/@alice/113000000000000100`);
    expect(first).toMatchObject({ kind: 'thread', page: 1, pages: 3, first: 1 });
    const requests = w.mastodon.requests.length;
    if (first.kind !== 'thread') throw new Error('no thread');
    const second = await w.router.execute('unroll', [first.thread.id], CHAT, { cursor: '2' });
    expect(second).toMatchObject({ kind: 'thread', page: 2, first: 11, update: undefined });
    expect(second.kind === 'thread' && second.posts.map((p) => p.text)).toEqual(Array.from({ length: 10 }, (_, i) => `long ${i + 11}`));
    expect(w.mastodon.requests.length).toBe(requests);
  });
});
