import { closestSpellings, type TagCount, type TagStore } from '../core/index.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';
import { tagGrams } from './tag-grams.ts';

/** How many spellings "did you mean" compares in JavaScript, at most, from each of its three sources. */
const CANDIDATES = 200;
/** A trigram on this many tags of about the typo's length is too common to tell them apart (measured: docs/benchmarks.md). */
const GRAM_CAP = 300;
/** Trigrams of a typo looked up at most (a 100-letter tag has 101). */
const MAX_GRAMS = 12;

/** Every substring of `tag` (code points), the tags a typo may contain ("xinjiangcotton" → "cotton"). */
function substrings(tag: string): string[] {
  const chars = [...tag];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) for (let j = i + 1; j <= chars.length; j++) out.add(chars.slice(i, j).join(''));
  out.delete(tag);
  return [...out];
}

export function createSqliteTagStore(db: Db): Sync<TagStore> {
  const count = db.prepare<[string], { thread_count: number }>('SELECT thread_count FROM tags WHERE name = ?');
  const related = db.prepare<[string, number], TagCount>(`
    SELECT t.name AS tag, p.threads AS threads
    FROM tag_pairs p JOIN tags t ON t.id = p.other_id
    WHERE p.tag_id = (SELECT id FROM tags WHERE name = ?) AND p.threads > 0
    ORDER BY p.threads DESC, t.name LIMIT ?`);
  // The range `name >= prefix AND name < prefix || U+10FFFF` uses the UNIQUE index on name.
  const byPrefix = db.prepare<[string, string, number], TagCount>(`
    SELECT name AS tag, thread_count AS threads FROM tags
    WHERE name >= ? AND name < ? AND thread_count > 0
    ORDER BY thread_count DESC, name LIMIT ?`);
  const top = db.prepare<[number], TagCount>(
    'SELECT name AS tag, thread_count AS threads FROM tags WHERE thread_count > 0 ORDER BY thread_count DESC, name LIMIT ?',
  );
  // The window's range of thread_tags_active, grouped in a temporary tree: without statistics (Spool
  // never runs ANALYZE) SQLite would rather walk all of thread_tags_digest, whose order suits the GROUP BY.
  const active = db.prepare<[number, number], TagCount>(`
    SELECT t.name AS tag, COUNT(*) AS threads
    FROM thread_tags tt INDEXED BY thread_tags_active JOIN tags t ON t.id = tt.tag_id
    WHERE tt.changed_at >= ?
    GROUP BY tt.tag_id ORDER BY threads DESC, t.name LIMIT ?`);
  // Spelled alike: tags of about the same length sharing the most trigrams. Each trigram's tags are
  // one range of tag_grams (gram, length); a trigram that hundreds of tags share says little and is
  // skipped, so a miss reads at most GRAM_CAP ids per trigram of the typo, whatever the vocabulary.
  const withGram = db
    .prepare<[string, number, number, number], number>('SELECT tag_id FROM tag_grams WHERE gram = ? AND length BETWEEN ? AND ? LIMIT ?')
    .pluck();
  const byIds = db.prepare<[string], TagCount>(`
    SELECT name AS tag, thread_count AS threads FROM tags
    WHERE id IN (SELECT value FROM json_each(?)) AND thread_count > 0`);
  function spelledAlike(tag: string, shortest: number, longest: number): TagCount[] {
    const grams = tagGrams(tag);
    // A long typo is told apart by a dozen of its trigrams, spread from its start to its end.
    const chosen =
      grams.length <= MAX_GRAMS ? grams : Array.from({ length: MAX_GRAMS }, (_, i) => grams[Math.round((i * (grams.length - 1)) / (MAX_GRAMS - 1))] ?? '');
    const lists = chosen.map((gram) => withGram.all(gram, shortest, longest, GRAM_CAP));
    const telling = lists.filter((ids) => ids.length < GRAM_CAP);
    const shared = new Map<number, number>();
    for (const ids of telling.length >= 2 ? telling : lists) for (const id of ids) shared.set(id, (shared.get(id) ?? 0) + 1);
    const best = [...shared]
      .sort((a, b) => b[1] - a[1])
      .slice(0, CANDIDATES)
      .map(([id]) => id);
    return best.length === 0 ? [] : byIds.all(JSON.stringify(best));
  }
  const named = db.prepare<[string], TagCount>(`
    SELECT name AS tag, thread_count AS threads FROM tags
    WHERE name IN (SELECT value FROM json_each(?)) AND thread_count > 0`);

  return {
    tagCount: (tag) => count.get(tag)?.thread_count ?? 0,
    relatedTags: (tag, limit) => related.all(tag, limit),
    tagsByPrefix: (prefix, limit) => (prefix === '' ? top.all(limit) : byPrefix.all(prefix, `${prefix}\u{10ffff}`, limit)),
    /**
     * "Did you mean": the spelling rules of `closestSpellings` applied to three bounded candidate
     * sets read through indexes — tags spelled alike (shared trigrams, similar length), tags the typo
     * contains, tags that start with it. A longer tag that contains the typo elsewhere than at its
     * start, beyond the length allowance, is not offered.
     */
    closestTags(tag, limit) {
      const length = [...tag].length;
      const allowance = Math.max(1, Math.floor(length / 3));
      const byName = new Map<string, TagCount>();
      const add = (rows: readonly TagCount[]): void => {
        for (const row of rows) byName.set(row.tag, row);
      };
      add(spelledAlike(tag, length - allowance, length + allowance));
      add(named.all(JSON.stringify(substrings(tag).slice(0, 5_000))));
      add(byPrefix.all(tag, `${tag}\u{10ffff}`, CANDIDATES));
      return closestSpellings(tag, [...byName.values()], limit);
    },
    activeTags: (since, limit) => active.all(since.getTime(), limit),
  };
}
