import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { importFiles, ImportUsageError } from '../../../src/app/import-files.ts';
import { MASTODON_NEEDS_INSTANCE } from '../../../src/sources/live-formats.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { decodePost } from '../../../src/store/post-codec.ts';
import type { Post } from '../../../src/core/index.ts';
import { makeStatus, startFakeMastodon, type FakeMastodon, type FakeStatus } from '../../fakes/upstream/mastodon.ts';
import { createHarness, NOW } from '../../support/sources.ts';

/**
 * Mastodon statuses are one post however many instances serve them: keyed by their `uri`, with
 * the instance-local `id`, `in_reply_to_id` and `in_reply_to_account_id` resolved within answers.
 */
const alice = { id: '1001', username: 'steppe_notes', name: 'Steppe Notes' };
const dir = mkdtempSync(join(tmpdir(), 'spool-mastodon-'));
afterAll(async () => rmSync(dir, { recursive: true, force: true }));

/**
 * How instance `viewer` serves a status first posted on another instance: its own local ids for
 * the status, its parent and the account, the origin's uri and URLs, the acct with the domain.
 */
function remoteView(status: FakeStatus, localId: string, localParentId: string | null, localAccountId: string, originHost: string): FakeStatus {
  return {
    ...status,
    id: localId,
    in_reply_to_id: localParentId,
    in_reply_to_account_id: localParentId ? localAccountId : null,
    account: { ...status.account, id: localAccountId, acct: `${status.account.username}@${originHost}` },
  };
}

/** Every post row as stored, decoded: what the file put in the database, whichever thread holds it. */
function storedPosts(): Post[] {
  const rows = db?.prepare<[], { id: string; body: string }>('SELECT id, body FROM posts').all() ?? [];
  return rows.map((r) => decodePost(r.id, r.body));
}

let fakes: FakeMastodon[] = [];
let db: Db | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

function store() {
  db = openDatabase(':memory:');
  return createSqliteStores(db, { now: () => NOW });
}

describe('Mastodon identity: a status is its uri', () => {
  it('the same three-post thread polled through its home instance and through another → one thread, each post stored once', async () => {
    const home = await startFakeMastodon({ now: () => NOW });
    const other = await startFakeMastodon({ now: () => NOW });
    fakes = [home, other];
    const homeHost = new URL(home.url).host;
    const a1 = makeStatus(home.url, alice, { id: '110000000000000101', content: '<p>One #xinjiang</p>', tags: ['xinjiang'] });
    const a2 = makeStatus(home.url, alice, { id: '110000000000000102', content: '<p>Two, untagged</p>', replyTo: a1 });
    const a3 = makeStatus(home.url, alice, { id: '110000000000000103', content: '<p>Three #xinjiang</p>', tags: ['xinjiang'], replyTo: a2 });
    home.statuses.push(a1, a2, a3);
    // The other instance numbers them its own way; uri, url and account url stay the origin's.
    other.statuses.push(
      remoteView(a1, '9001', null, '77', homeHost),
      remoteView(a2, '9002', '9001', '77', homeHost),
      remoteView(a3, '9003', '9002', '77', homeHost),
    );
    const harness = createHarness([
      { type: 'mastodon', instance: home.url, hashtags: ['xinjiang'], every: 300_000 },
      { type: 'mastodon', instance: other.url, hashtags: ['xinjiang'], every: 300_000 },
    ]);
    try {
      const report = await harness.poller.pollOnce();
      expect(report.sources.flatMap((s) => s.errors)).toEqual([]);
      const threads = await harness.threads('xinjiang');
      expect(threads).toHaveLength(1);
      expect(threads[0]?.id).toBe(`mastodon:${a1.uri}`);
      expect(threads[0]?.posts.map((p) => p.text)).toEqual(['One #xinjiang', 'Two, untagged', 'Three #xinjiang']);
      expect(threads[0]?.author.handle).toBe(`steppe_notes@${homeHost}`);
      expect(harness.db.prepare('SELECT COUNT(*) AS n FROM posts').get()).toEqual({ n: 3 });
      // Each instance was asked for the context by its own local id.
      expect(other.requestsTo('/api/v1/statuses/').map((r) => r.path)).toEqual(['/api/v1/statuses/9001/context']);
    } finally {
      harness.close();
    }
  });

  it('a reply met in the tag timeline whose parent only the context answer shows → linked to the parent’s uri, not left dangling', async () => {
    const home = await startFakeMastodon({ now: () => NOW });
    fakes = [home];
    const a1 = makeStatus(home.url, alice, { id: '110000000000000201', content: '<p>Start, untagged</p>' });
    const a2 = makeStatus(home.url, alice, { id: '110000000000000202', content: '<p>Tagged reply #xinjiang</p>', tags: ['xinjiang'], replyTo: a1 });
    home.statuses.push(a1, a2);
    const harness = createHarness([{ type: 'mastodon', instance: home.url, hashtags: ['xinjiang'], every: 300_000 }]);
    try {
      await harness.poller.pollOnce();
      const [thread] = await harness.threads('xinjiang');
      expect(thread?.id).toBe(`mastodon:${a1.uri}`);
      expect(thread?.posts.map((p) => p.text)).toEqual(['Start, untagged', 'Tagged reply #xinjiang']);
    } finally {
      harness.close();
    }
  });
});

describe('spool import of a saved Mastodon answer: --instance when the file cannot say', () => {
  /** A tag timeline saved from fosstodon.org holding only remote statuses: the first one posted on rstats.me. */
  function remoteOnlyTimeline(withOrphanReply: boolean): string {
    const origin = 'https://rstats.me';
    const carol = { id: '501', username: 'carol' };
    const root = makeStatus(origin, carol, { id: '111000000000000001', content: '<p>Remote start #rstats</p>', tags: ['rstats'] });
    const reply = makeStatus(origin, carol, { id: '111000000000000002', content: '<p>Remote reply #rstats</p>', tags: ['rstats'], replyTo: root });
    const saved = [remoteView(root, '3001', null, '88', 'rstats.me'), remoteView(reply, '3002', '3001', '88', 'rstats.me')];
    return JSON.stringify(withOrphanReply ? [saved[1]] : saved);
  }

  it('replies to statuses the file lacks, no local account, no --instance → refused with one sentence, nothing stored', async () => {
    const stores = store();
    const file = join(dir, 'orphan.json');
    writeFileSync(file, remoteOnlyTimeline(true));
    await expect(importFiles(stores.posts, [file], { format: 'mastodon' })).rejects.toThrow(new ImportUsageError(`${file}: ${MASTODON_NEEDS_INSTANCE}`));
    expect((await stores.threads.threadsByTag({ tag: 'rstats', sort: 'recent', limit: 5 })).threads).toEqual([]);
  });

  it('the same file with --instance → imported; the missing parent is named by the serving instance and counted as a gap', async () => {
    const stores = store();
    const file = join(dir, 'orphan-ok.json');
    writeFileSync(file, remoteOnlyTimeline(true));
    const report = await importFiles(stores.posts, [file], { format: 'mastodon', instance: 'https://fosstodon.org' });
    expect(report.errors).toEqual([]);
    const [thread] = (await stores.threads.threadsByTag({ tag: 'rstats', sort: 'recent', limit: 5 })).threads;
    expect(thread?.id).toBe('mastodon:https://rstats.me/users/carol/statuses/111000000000000002');
    expect(thread).toMatchObject({ postCount: 2, storedCount: 1 });
    const [post] = storedPosts();
    expect(post?.replyToId).toBe('mastodon:fosstodon.org/statuses/3001');
  });

  it('a file whose replies all point inside it → no --instance needed, nothing filed under a guessed host', async () => {
    const stores = store();
    const file = join(dir, 'whole.json');
    writeFileSync(file, remoteOnlyTimeline(false));
    await importFiles(stores.posts, [file], { format: 'auto' });
    const [thread] = (await stores.threads.threadsByTag({ tag: 'rstats', sort: 'recent', limit: 5 })).threads;
    expect(thread?.id).toBe('mastodon:https://rstats.me/users/carol/statuses/111000000000000001');
    expect(thread?.posts).toHaveLength(2);
    expect(thread?.author.handle).toBe('carol@rstats.me');
    const posts = storedPosts();
    expect(posts).toHaveLength(2);
    expect(posts.every((p) => !p.id.includes('fosstodon') && p.author.id === 'mastodon:https://rstats.me/@carol')).toBe(true);
  });

  it('a file with an account local to the instance that served it → that instance is known, no --instance needed', async () => {
    const stores = store();
    const origin = 'https://fosstodon.org';
    const dave = { id: '42', username: 'dave' };
    const root = makeStatus(origin, dave, { id: '112000000000000001', content: '<p>Local start #rstats</p>', tags: ['rstats'] });
    const orphan = makeStatus(origin, dave, {
      id: '112000000000000003',
      content: '<p>Local reply #rstats</p>',
      tags: ['rstats'],
      replyTo: { ...root, id: '112000000000000002' },
    });
    const file = join(dir, 'local.json');
    writeFileSync(file, JSON.stringify([root, orphan]));
    const report = await importFiles(stores.posts, [file], { format: 'mastodon' });
    expect(report.errors).toEqual([]);
    const post = storedPosts().find((p) => p.id === `mastodon:${orphan.uri}`);
    expect(post?.replyToId).toBe('mastodon:fosstodon.org/statuses/112000000000000002');
  });
});
