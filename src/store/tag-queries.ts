import { closestSpellings, type TagCount, type TagStore } from '../core/index.ts';
import type { Db } from './db.ts';
import { tagGrams } from './tag-grams.ts';

/** How many spellings "did you mean" compares in JavaScript, at most, from each of its three sources. */
const CANDIDATES = 200;

/** Every substring of `tag` (code points), the tags a typo may contain ("xinjiangcotton" → "cotton"). */
function substrings(tag: string): string[] {
  const chars = [...tag];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) for (let j = i + 1; j <= chars.length; j++) out.add(chars.slice(i, j).join(''));
  out.delete(tag);
  return [...out];
}

export function createSqliteTagStore(db: Db): TagStore {
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
  const active = db.prepare<[number, number], TagCount>(`
    SELECT t.name AS tag, COUNT(*) AS threads
    FROM thread_tags tt JOIN tags t ON t.id = tt.tag_id
    WHERE tt.changed_at >= ?
    GROUP BY tt.tag_id ORDER BY threads DESC, t.name LIMIT ?`);
  // Spelled alike: tags of about the same length sharing the most trigrams, one range of
  // tag_grams (gram, length) per trigram of the typo.
  const sharingGrams = db.prepare<{ grams: string; shortest: number; longest: number; limit: number }, TagCount>(`
    SELECT t.name AS tag, t.thread_count AS threads
    FROM (SELECT tag_id, COUNT(*) AS shared FROM tag_grams
          WHERE gram IN (SELECT value FROM json_each(@grams)) AND length BETWEEN @shortest AND @longest
          GROUP BY tag_id ORDER BY shared DESC LIMIT @limit) AS g
    JOIN tags t ON t.id = g.tag_id
    WHERE t.thread_count > 0`);
  const named = db.prepare<[string], TagCount>(`
    SELECT name AS tag, thread_count AS threads FROM tags
    WHERE name IN (SELECT value FROM json_each(?)) AND thread_count > 0`);

  return {
    tagCount: (tag) => count.get(tag)?.thread_count ?? 0,
    relatedTags: (tag, limit) => related.all(tag, limit),
    tagsByPrefix: (prefix, limit) =>
      prefix === '' ? top.all(limit) : byPrefix.all(prefix, `${prefix}\u{10ffff}`, limit),
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
      add(sharingGrams.all({ grams: JSON.stringify(tagGrams(tag)), shortest: length - allowance, longest: length + allowance, limit: CANDIDATES }));
      add(named.all(JSON.stringify(substrings(tag).slice(0, 5_000))));
      add(byPrefix.all(tag, `${tag}\u{10ffff}`, CANDIDATES));
      return closestSpellings(tag, [...byName.values()], limit);
    },
    activeTags: (since, limit) => active.all(since.getTime(), limit),
  };
}
