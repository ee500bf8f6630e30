import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCursors } from '../../../src/sources/cursors.ts';
import { createPoller, type SourcePollReport } from '../../../src/sources/poller.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { makeStatus, startFakeMastodon, type FakeMastodon } from '../../fakes/upstream/mastodon.ts';
import { makeXPost, startFakeX, type FakeX } from '../../fakes/upstream/x.ts';
import { NOW, recordingLog } from '../../support/sources.ts';

const TOKEN = 'tok';
let mastodon: FakeMastodon;
let x: FakeX;
let db: Db;

beforeEach(async () => {
  mastodon = await startFakeMastodon({ now: () => NOW });
  x = await startFakeX({ token: TOKEN, now: () => NOW });
  db = openDatabase(':memory:');
  const alice = { id: '11', username: 'steppe_notes', name: 'Steppe Notes' };
  x.users.push(alice);
  x.posts.push(makeXPost(alice, { id: '1900000000000000001', text: 'one #xinjiang' }), makeXPost(alice, { id: '1900000000000000002', text: 'two #uyghur' }));
  mastodon.statuses.push(makeStatus(mastodon.url, { id: '1', username: 'al' }, { id: '101', content: '<p>#uyghur</p>', tags: ['uyghur'] }));
});
afterEach(async () => {
  db.close();
  await Promise.all([mastodon.close(), x.close()]);
});

function poller(followed: string[], onRound?: (r: SourcePollReport) => void) {
  const clock = { now: () => NOW };
  const stores = createSqliteStores(db, clock);
  return {
    stores,
    poller: createPoller({
      sources: [
        { type: 'mastodon', instance: mastodon.url, hashtags: ['xinjiang'], every: 60_000 },
        { type: 'x', hashtags: ['xinjiang'], every: 60_000 },
      ],
      credentials: { x: { bearerToken: TOKEN, apiUrl: x.url } },
      cursors: createMemoryCursors(),
      sink: stores.posts,
      log: recordingLog(),
      followedHashtags: async () => followed,
      clock,
      http: { sleep: async () => undefined, retries: 1, baseDelayMs: 1 },
      ...(onRound ? { onRound } : {}),
    }),
  };
}

describe('poller', () => {
  it('one source down → the other still polls and stores; the down one reports its error', async () => {
    mastodon.failNext(500, { times: 10 });
    const { poller: p, stores } = poller([]);
    const report = await p.pollOnce();
    const [m, xr] = report.sources;
    expect(m).toMatchObject({ failed: true, posts: 0 });
    expect(m?.errors[0]).toContain('500');
    expect(xr).toMatchObject({ failed: false, posts: 1, errors: [] });
    expect((await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 5 })).threads).toHaveLength(1);
  });

  it('a followed (subscribed) hashtag → polled on every source besides the configured ones', async () => {
    const followed: string[] = [];
    const { poller: p, stores } = poller(followed);
    followed.push('#Uyghur');
    await p.pollOnce();
    expect(mastodon.timelineRequests().map((r) => r.path)).toEqual(['/api/v1/timelines/tag/xinjiang', '/api/v1/timelines/tag/uyghur']);
    expect(x.searches().map((r) => r.query.get('query'))).toContain('#uyghur -is:retweet');
    expect((await stores.threads.threadsByTag({ tag: 'uyghur', sort: 'recent', limit: 5 })).threads).toHaveLength(2);
  });

  it('start() → every source polled at once; stop() → waits for the rounds under way', async () => {
    const seen: string[] = [];
    let resolveBoth: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (resolveBoth = resolve));
    const { poller: p } = poller([], (r) => {
      seen.push(r.source);
      if (seen.length === 2) resolveBoth();
    });
    p.start();
    await both;
    await p.stop();
    expect(seen.sort()).toEqual([`mastodon ${new URL(mastodon.url).host}`, 'x']);
  });

  it('stop() during a long rate-limit wait → the wait is cut short and stop() returns; the round reports it stopped', async () => {
    const clock = { now: () => NOW };
    const stores = createSqliteStores(db, clock);
    let waiting: () => void = () => undefined;
    const inWait = new Promise<void>((resolve) => (waiting = resolve));
    const log = recordingLog();
    const rounds: SourcePollReport[] = [];
    const p = createPoller({
      sources: [{ type: 'mastodon', instance: mastodon.url, hashtags: ['xinjiang'], every: 60_000 }],
      credentials: {},
      cursors: createMemoryCursors(),
      sink: stores.posts,
      log: { ...log, warn: (obj, msg) => (log.warn(obj, msg), msg?.startsWith('rate limited') && waiting()) },
      followedHashtags: async () => [],
      clock,
      // The real sleep: without the abort this test would wait 500 s.
      http: { maxRateLimitWaitMs: 600_000 },
      onRound: (r) => rounds.push(r),
    });
    mastodon.failNext(429, { headers: { 'retry-after': '500' } });
    p.start();
    await inWait;
    await p.stop();
    expect(rounds[0]?.errors).toEqual([expect.stringContaining('stopped')]);
  });
});
