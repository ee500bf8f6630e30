import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src/core/index.ts';
import { importFiles } from '../../../src/app/import-files.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { makeBskyPost, startFakeBluesky, type FakeBluesky } from '../../fakes/upstream/bluesky.ts';
import { makeXPost, startFakeX, type FakeX } from '../../fakes/upstream/x.ts';
import { createHarness, NOW } from '../../support/sources.ts';

// Issue 12, item 2: one bad date used to abort a whole X or Bluesky file (RangeError: Invalid time
// value, 0 posts stored), and in a poller to fail the tag's round before its cursor moved.

const alice = { id: '11', username: 'steppe_notes', name: 'Steppe Notes' };
const bskyAlice = { did: 'did:plc:alice111', handle: 'steppe.bsky.social' };

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spool-dates-'));
  db = openDatabase(':memory:');
});
afterEach(async () => db.close());

async function importJson(name: string, value: unknown) {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  const stores = createSqliteStores(db, { now: () => NOW });
  return { report: await importFiles(stores.posts, [file], { format: 'auto' }), stores };
}

describe('dates that are no dates', () => {
  it('RFC 3339 leap second, offsets, RFC 822 → the stored ISO form; garbage, empty, year 10000 → undefined', async () => {
    expect(parseTimestamp('2016-12-31T23:59:60Z')).toBe('2016-12-31T23:59:59.999Z');
    expect(parseTimestamp('2026-11-23T10:00:00+01:00')).toBe('2026-11-23T09:00:00.000Z');
    expect(parseTimestamp('Mon, 23 Nov 2026 09:00:00 GMT')).toBe('2026-11-23T09:00:00.000Z');
    for (const bad of ['yesterday', '', '10000-01-01T00:00:00Z', '2026-13-45T99:99:99Z', `2026-11-23T09:00:00Z${'0'.repeat(100)}`])
      expect(parseTimestamp(bad)).toBeUndefined();
  });

  it('an X file with one unreadable date and one leap second → that record reported by its id, the other two stored', async () => {
    const posts = [
      makeXPost(alice, { id: '1900000000000000001', text: 'good #xinjiang', createdAt: '2026-11-20T12:00:00.000Z' }),
      makeXPost(alice, { id: '1900000000000000002', text: 'bad date #xinjiang', createdAt: 'not a date' }),
      makeXPost(alice, { id: '1900000000000000003', text: 'leap second #xinjiang', createdAt: '2016-12-31T23:59:60Z' }),
    ];
    const { report, stores } = await importJson('x.json', { data: posts, includes: { users: [alice] }, meta: {} });
    expect(report.posts).toBe(2);
    expect(report.errors).toEqual([{ file: expect.stringContaining('x.json'), reason: 'post 1900000000000000002: created_at: unreadable date "not a date"' }]);
    expect((await stores.threads.getThread('x:1900000000000000003'))?.posts[0]?.createdAt).toBe('2016-12-31T23:59:59.999Z');
  });

  it('a Bluesky file with one unreadable date → reported, the rest stored', async () => {
    const good = makeBskyPost(bskyAlice, { rkey: '3lbaaa001', text: 'good #xinjiang' });
    const bad = makeBskyPost(bskyAlice, { rkey: '3lbaaa002', text: 'bad #xinjiang' });
    (bad.record as { createdAt: string }).createdAt = '2026-02-31T25:61:00Z';
    const { report } = await importJson('bsky.json', { posts: [good, bad] });
    expect(report.posts).toBe(1);
    expect(report.errors[0]?.reason).toMatch(/^post at:\/\/did:plc:alice111\/app\.bsky\.feed\.post\/3lbaaa002: record\.createdAt: unreadable date/u);
  });
});

describe('a poller meeting a bad date', () => {
  let fakeX: FakeX | undefined;
  let fakeB: FakeBluesky | undefined;
  afterEach(async () => {
    await fakeX?.close();
    await fakeB?.close();
    fakeX = undefined;
    fakeB = undefined;
  });

  it('X: the page with a bad date → the good posts stored, the bad one reported, the tag’s cursor moves past both', async () => {
    fakeX = await startFakeX({ token: 't', now: () => NOW });
    fakeX.users.push(alice);
    fakeX.posts.push(
      makeXPost(alice, { id: '1900000000000000011', text: 'fine #xinjiang' }),
      makeXPost(alice, { id: '1900000000000000012', text: 'broken #xinjiang', createdAt: '2026-11-20T24:61:00Z' }),
    );
    const h = createHarness([{ type: 'x', hashtags: ['xinjiang'], every: 900_000 }], { credentials: { x: { bearerToken: 't', apiUrl: fakeX.url } } });
    const [report] = (await h.poller.pollOnce()).sources;
    expect(report).toMatchObject({ failed: false, newThreads: 1 });
    expect(report?.errors).toEqual(['post 1900000000000000012: created_at: unreadable date "2026-11-20T24:61:00Z"']);
    expect(await h.stores.cursors.get('x', '#xinjiang')).toBe('1900000000000000012');
    h.close();
  });

  it('Bluesky: a bad date → the round does not fail and the tag’s cursor moves', async () => {
    fakeB = await startFakeBluesky({ identifier: 'me', password: 'pw', now: () => NOW });
    const good = makeBskyPost(bskyAlice, { rkey: '3lbccc001', text: 'fine #xinjiang' });
    const bad = makeBskyPost(bskyAlice, { rkey: '3lbccc002', text: 'broken #xinjiang' });
    (bad.record as { createdAt: string }).createdAt = 'soon';
    fakeB.posts.push(good, bad);
    const h = createHarness([{ type: 'bluesky', hashtags: ['xinjiang'], every: 600_000 }], {
      credentials: { bluesky: { identifier: 'me', appPassword: 'pw', service: fakeB.url } },
    });
    const [report] = (await h.poller.pollOnce()).sources;
    expect(report).toMatchObject({ failed: false, newThreads: 1 });
    expect(report?.errors.some((e) => e.includes('unreadable date "soon"'))).toBe(true);
    expect(await h.stores.cursors.get('bluesky', '#xinjiang')).toBeDefined();
    h.close();
  });
});
