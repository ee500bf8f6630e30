import { describe, expect, it } from 'vitest';
import { createSqliteStores, openDatabase } from '../../../src/store/index.ts';
import { createCachedTagStore } from '../../../src/web/tag-cache.ts';
import { NOW, clock, fixturePosts } from '../../support/web.ts';

/** The real SQLite tag store, with its calls counted: the cache is judged by what reaches the store. */
async function countedStore() {
  const db = openDatabase(':memory:');
  const stores = createSqliteStores(db, clock);
  await stores.posts.ingest(fixturePosts());
  const calls = { active: 0, closest: 0 };
  const tags = {
    ...stores.tags,
    activeTags: (since: Date, limit: number) => (calls.active++, stores.tags.activeTags(since, limit)),
    closestTags: (tag: string, limit: number) => (calls.closest++, stores.tags.closestTags(tag, limit)),
  };
  return { tags, calls, close: () => db.close() };
}

describe('cached tag answers', () => {
  it('"most active" asked again within a minute → answered from memory; after it → asked again', async () => {
    const store = await countedStore();
    let t = 0;
    const cached = createCachedTagStore(store.tags, { now: () => t });
    const since = new Date(NOW.getTime() - 7 * 86_400_000);
    const first = cached.activeTags(since, 40);
    t = 59_000;
    expect(cached.activeTags(since, 40)).toBe(first);
    expect(store.calls.active).toBe(1);
    t = 61_000;
    await cached.activeTags(since, 40);
    expect(store.calls.active).toBe(2);
    expect((await first).map((c) => c.tag)).toContain('xinjiang');
    store.close();
  });

  it('"did you mean" → one store call per misspelling, the oldest forgotten past the bound', async () => {
    const store = await countedStore();
    const cached = createCachedTagStore(store.tags, { now: () => 0, closestEntries: 2 });
    expect(await cached.closestTags('xinjang', 6)).toEqual(['xinjiang']);
    await cached.closestTags('xinjang', 6);
    expect(store.calls.closest).toBe(1);
    await cached.closestTags('coton', 6);
    await cached.closestTags('ouighours', 6);
    await cached.closestTags('xinjang', 6);
    expect(store.calls.closest).toBe(4);
    store.close();
  });
});
