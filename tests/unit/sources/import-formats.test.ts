import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { importFiles } from '../../../src/app/import-files.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { NOW } from '../../support/sources.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/sources/${name}`, import.meta.url));

let db: Db | undefined;
afterEach(async () => db?.close());

function store() {
  db = openDatabase(':memory:');
  return createSqliteStores(db, { now: () => NOW });
}

describe('spool import of saved API answers and feeds', () => {
  it('a saved X search page (auto-detected) → the thread whole with its long text; the retweet skipped; the malformed post reported by id', async () => {
    const stores = store();
    const report = await importFiles(stores.posts, [fixture('x-search-recent.json')], { format: 'auto' });
    expect(report.errors).toEqual([{ file: fixture('x-search-recent.json'), reason: expect.stringMatching(/^post 1900000000000000009: text/u) }]);
    const [thread] = (await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 5 })).threads;
    expect(thread?.posts).toHaveLength(3);
    expect(thread?.posts[0]?.text).toBe('Notes from Ürümqi & Kashgar, 1/3 #Xinjiang');
    expect(thread?.posts[2]?.text).toBe(`3/3 ${'a long ending. '.repeat(30)}#xinjiang`);
    expect(report.posts).toBe(3);
  });

  it('a saved Mastodon tag timeline → thread whole, ids the statuses’ uris, content warning apart, the reblog skipped, the bad status reported', async () => {
    const stores = store();
    const report = await importFiles(stores.posts, [fixture('mastodon-tag-timeline.json')], { format: 'mastodon' });
    expect(report.errors.map((e) => e.reason)).toEqual([expect.stringMatching(/^status 110000000000000150: /u)]);
    const [thread] = (await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 5 })).threads;
    expect(thread?.id).toBe('mastodon:https://mastodon.example/users/steppe_notes/statuses/110000000000000101');
    expect(thread?.posts.map((p) => p.text)).toEqual(['Notes from Ürümqi & Kashgar #Xinjiang', 'Part two, no tag.\nSecond line.', 'Part three #xinjiang']);
    expect(thread?.sensitive).toEqual({ warning: 'camps', labels: [], ageRestricted: false });
  });

  it('a saved Bluesky author feed → the thread whole; the repost skipped', async () => {
    const stores = store();
    const report = await importFiles(stores.posts, [fixture('bluesky-author-feed.json')], { format: 'auto' });
    expect(report).toMatchObject({ posts: 3, skipped: 0, errors: [] });
    const threads = (await stores.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 5 })).threads;
    expect(threads).toHaveLength(1);
    expect(threads[0]?.posts).toHaveLength(3);
  });

  it('an Atom feed with --tag → one post per entry, HTML content as text, the category and the tag as hashtags; the empty entry reported', async () => {
    const stores = store();
    const report = await importFiles(stores.posts, [fixture('feed.atom')], { format: 'auto', tag: 'uyghur' });
    expect(report.errors).toHaveLength(1);
    const [thread] = (await stores.threads.threadsByTag({ tag: 'uyghur', sort: 'recent', limit: 5 })).threads;
    expect(thread?.posts[0]?.text).toBe('Ürümqi & the bazaar\n\nStalls of naan & tea.\n\n- one\n- two');
    expect([...(thread?.hashtags ?? [])].sort()).toEqual(['uyghur', 'xinjiang']);
    expect(thread?.url).toBe('https://steppe.example/2026/11/bazaar');
    expect(thread?.author.handle).toBe('Aydin');
  });
});
