import { expect } from 'vitest';
import { DEFAULT_CHAT_SETTINGS, threadToJson, type Post, type Stores, type StoredThread, type ThreadPage } from '../../src/core/index.ts';
import type { StoreAnswers } from './old-databases.ts';

/**
 * What an upgraded store must still answer about the rows it was given (tests/fixtures/store-*.json hold
 * the posts of store-v3.json, written by the store of each time): shared by both engines' upgrade tests.
 */

/** What a reader sees of a thread: the contract's JSON and the store's two dates. */
const seen = (t: StoredThread | undefined) => t && { ...threadToJson(t), firstSeenAt: t.firstSeenAt, grownAt: t.grownAt };
const page = (p: ThreadPage) => ({ ids: p.threads.map((t) => t.id), total: p.total, more: p.nextCursor !== null });

/** Threads, pages, search, tags and digests answer what the old store answered. */
export async function expectSameAnswers(s: Stores, answers: StoreAnswers): Promise<void> {
  for (const [id, thread] of Object.entries(answers.threads)) expect(seen(await s.threads.getThread(id)), id).toEqual(seen(thread));
  for (const [tag, expected] of Object.entries(answers.recent))
    expect(page(await s.threads.threadsByTag({ tag, sort: 'recent', limit: 10 })), tag).toEqual(page(expected));
  expect(page(await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'best', limit: 10 }))).toEqual(page(answers.best));
  expect(page(await s.threads.threadsByTag({ tag: 'ouïghours', sort: 'recent', limit: 10, lang: 'fr' }))).toEqual(page(answers.lang));
  expect((await s.threads.search({ words: 'ouighours', limit: 10 })).threads.map((t) => t.id)).toEqual(answers.search.ouighours);
  expect((await s.threads.search({ words: 'chaîne coton', limit: 10 })).total).toBe(answers.search.chaine);
  expect((await s.threads.search({ words: 'part', tag: 'xinjiang', limit: 10 })).threads.map((t) => t.id)).toEqual(answers.search.xinjiangTagged);
  expect(await s.tags.relatedTags('china', 10)).toEqual(answers.related);
  for (const [tag, count] of Object.entries(answers.counts)) expect(await s.tags.tagCount(tag), tag).toBe(count);
  expect(await s.tags.closestTags('xinjang', 3)).toEqual(answers.closest);
  const window = { tag: 'xinjiang', since: new Date('2026-11-23T07:00:00Z'), until: new Date('2026-11-23T14:00:00Z'), limit: 10 };
  expect((await s.threads.changedThreads(window)).map((t) => t.id)).toEqual(answers.changed);
  // A digest's minimum length reads the thread length kept on each tag link.
  const long = answers.changed.filter((id) => (answers.threads[id]?.storedCount ?? 0) >= 3);
  expect(long.length).toBeGreaterThan(0);
  expect((await s.threads.changedThreads({ ...window, minPosts: 3 })).map((t) => t.id)).toEqual(long);
  expect(await s.stats()).toEqual(answers.stats);
  expect(await s.threads.threadIdOfPost('x:a2')).toBe('x:a1');
}

/** Threads stored before authors were indexed are found by author (handle, key, search). */
export async function expectFoundByAuthor(s: Stores): Promise<void> {
  expect(await s.authors.findAuthors({ handle: 'h2', source: 'x' }, 5)).toEqual([
    { key: 'x|u2', source: 'x', id: 'u2', handle: 'h2', name: 'Deux', threads: 1 },
  ]);
  expect(await s.authors.findAuthors({ handle: 'a@m.example' }, 5)).toMatchObject([{ key: 'mastodon|m1', name: 'Em', threads: 1 }]);
  expect((await s.authors.threadsByAuthor({ authorKey: 'x|u1', sort: 'recent', limit: 5 })).threads.map((t) => t.id)).toEqual(['x:a1']);
  expect((await s.threads.search({ words: 'part', authorKey: 'x|u1', limit: 10 })).threads.map((t) => t.id)).toEqual(['x:a1']);
}

/**
 * The same posts again change nothing; a new post grows its thread (and brings a new tag); the
 * conversation's missing middle closes its gap. `now` is the store clock's time.
 */
export async function expectIngestStillWorks(s: Stores, posts: readonly Post[], answers: StoreAnswers, now: string): Promise<void> {
  expect(await s.posts.ingest(posts)).toMatchObject({ posts: 0, unchanged: posts.length, newThreads: 0, grownThreads: 0 });
  const last = posts.find((p) => p.id === 'x:a3') as Post;
  expect(await s.posts.ingest([{ ...last, id: 'x:a4', replyToId: 'x:a3', createdAt: '2026-11-20T12:04:00.000Z', text: 'a4 #xinjiang #new' }])).toMatchObject({
    posts: 1,
    grownThreads: 1,
    newThreads: 0,
  });
  const grown = await s.threads.getThread('x:a1');
  expect(grown?.posts.map((p) => p.id)).toEqual(['x:a1', 'x:a2', 'x:a3', 'x:a4']);
  expect(grown?.firstSeenAt).toBe(answers.threads['x:a1']?.firstSeenAt);
  expect(grown?.grownAt).toBe(new Date(now).toISOString());
  expect(await s.tags.tagCount('new')).toBe(1);
  expect(await s.tags.relatedTags('new', 5)).toEqual([{ tag: 'xinjiang', threads: 1 }]);
  expect((await s.threads.search({ words: 'a4', tag: 'new', limit: 5 })).threads.map((t) => t.id)).toEqual(['x:a1']);
  const c3 = posts.find((p) => p.id === 'x:c3') as Post;
  await s.posts.ingest([{ ...c3, id: 'x:c2', replyToId: 'x:c1', declaredThreadLength: undefined, createdAt: '2026-11-21T09:01:00.000Z', text: 'conv two' }]);
  expect((await s.threads.getThread('x:c1'))?.posts.map((p) => p.id)).toEqual(['x:c1', 'x:c2', 'x:c3']);
  // A thread of its own after the old ones: new keys do not collide with the old rows'.
  const fresh = { ...last, id: 'x:z1', replyToId: undefined, replyToAuthorId: undefined, createdAt: '2026-11-22T08:00:00.000Z', text: 'fresh start #brandnew' };
  expect(await s.posts.ingest([fresh])).toMatchObject({ newThreads: 1 });
  expect((await s.threads.threadsByTag({ tag: 'brandnew', sort: 'recent', limit: 5 })).threads.map((t) => t.id)).toEqual(['x:z1']);
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The rows of an old database that are not posts, as the ports must read them now. */
export interface OldSettings {
  /** `list()`'s answer (compared as JSON, as a subset: new options must be at their defaults where given). */
  readonly subscriptions: readonly object[];
  readonly ledger?: { readonly subscriptionId: number; readonly period: string; readonly entry: object } | undefined;
  readonly lease?: { readonly owner: string; readonly pid: number; readonly host: string } | undefined;
  /** Whether the version recorded who made a subscription (then the per-person cap counts `creator`'s). */
  readonly creator?: string | undefined;
}

/** Subscriptions with their settings, the ledger row, the cursor and the lease read back; the per-person cap still counts. */
export async function expectOldSettings(s: Stores, old: OldSettings): Promise<void> {
  expect(plain(await s.subscriptions.list())).toMatchObject(plain(old.subscriptions) as object[]);
  if (old.ledger) expect(plain(await s.ledger.get(old.ledger.subscriptionId, old.ledger.period))).toMatchObject(old.ledger.entry);
  expect(await s.cursors.get('x', 'xinjiang')).toBe('1999');
  const lease = await s.leases.holder('service');
  expect(lease && { owner: lease.owner, pid: lease.pid, host: lease.host }).toEqual(old.lease);
  const another = {
    target: { platform: 'telegram', chatId: '43' },
    tag: 'china',
    createdBy: old.creator ?? 'telegram:7',
    schedule: { kind: 'daily', time: '08:00', zone: 'UTC' },
  } as const;
  const added = await s.subscriptions.add(another, { maxPerChat: 5, maxPerUser: 1 });
  expect(added.ok ? 'added' : added.failure.code).toBe(old.creator ? 'subscription.user-limit' : 'added');
  // Chat settings came after every old version: defaults for the old chats, then written and read back.
  const chat = { platform: 'telegram', chatId: '42' } as const;
  expect(await s.chatSettings.get(chat)).toEqual(DEFAULT_CHAT_SETTINGS);
  await s.chatSettings.update(chat, { media: false, sensitive: 'skip', language: 'fr' });
  expect(await s.chatSettings.get(chat)).toMatchObject({ media: false, sensitive: 'skip', language: 'fr' });
}
