import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { fixedClock, makePost } from '../../support/posts.ts';

let db: Db | undefined;
afterEach(async () => db?.close());

/** A store whose tags are `names`, each on `threads(name)` threads. */
async function storeWithTags(names: readonly string[], threads: (name: string) => number = () => 1) {
  db = openDatabase(':memory:');
  const s = createSqliteStores(db, fixedClock());
  let n = 0;
  const posts = names.flatMap((name) =>
    Array.from({ length: threads(name) }, () => makePost({ id: `x:p${n++}`, author: { id: `a${n}`, handle: `h${n}`, name: '' }, hashtags: [name] })),
  );
  await s.posts.ingest(posts);
  return s;
}

describe('SQLite store: did you mean', () => {
  it('a typo among hundreds of tags sharing its common trigrams → the tag spelled alike', async () => {
    // 400 tags of the same length with "ing" in them: that trigram alone tells nothing.
    const crowd = Array.from({ length: 400 }, (_, i) => `ing${i.toString(36).padStart(5, 'q')}`);
    const s = await storeWithTags([...crowd, 'xinjiang', 'beijing']);
    expect(await s.tags.closestTags('xinjang', 3)).toEqual(['xinjiang']);
    expect(await s.tags.closestTags('beijinng', 3)).toEqual(['beijing']);
  });

  it('a typo that contains known tags, or starts a longer one → those tags, the more used first', async () => {
    const s = await storeWithTags(['xinjiang', 'cotton', 'cottonfields', 'china'], (name) => (name === 'cotton' ? 3 : 1));
    expect(await s.tags.closestTags('xinjiangcotton', 5)).toEqual(['cotton', 'xinjiang']);
    expect(await s.tags.closestTags('cot', 5)).toEqual(['cotton', 'cottonfields']);
  });

  it('a long typo (more trigrams than are looked up) → still its tag', async () => {
    const long = 'frontièregouvernementmanifestation';
    const s = await storeWithTags([long, 'frontière', 'gouvernement']);
    expect(await s.tags.closestTags('frontieregouvernementmanifestatoin', 3)).toEqual(['gouvernement', long]);
  });

  it('any script → compared by code points', async () => {
    const s = await storeWithTags(['可可托海', 'ouïghours', 'україна']);
    expect(await s.tags.closestTags('可可托', 3)).toEqual(['可可托海']);
    expect(await s.tags.closestTags('ouighours', 3)).toEqual(['ouïghours']);
    expect(await s.tags.closestTags('украіна', 3)).toEqual(['україна']);
  });
});
