import { closestSpellings, type TagCount, type TagStore } from '../core/index.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';

/**
 * "Did you mean" compares spellings in JavaScript, so it reads a bounded set of candidates: the tags
 * that share the first letter (one index range) and the most used tags overall. With tens of thousands
 * of tags this keeps a miss at a few milliseconds instead of a scan of the whole table.
 */
const SUGGESTION_CANDIDATES = 2_000;

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
  const active = db.prepare<[number, number], TagCount>(`
    SELECT t.name AS tag, COUNT(*) AS threads
    FROM thread_tags tt JOIN tags t ON t.id = tt.tag_id
    WHERE tt.changed_at >= ?
    GROUP BY tt.tag_id ORDER BY threads DESC, t.name LIMIT ?`);

  return {
    tagCount: (tag) => count.get(tag)?.thread_count ?? 0,
    relatedTags: (tag, limit) => related.all(tag, limit),
    tagsByPrefix: (prefix, limit) =>
      prefix === '' ? top.all(limit) : byPrefix.all(prefix, `${prefix}\u{10ffff}`, limit),
    closestTags(tag, limit) {
      const first = [...tag][0] ?? '';
      const byName = new Map<string, TagCount>();
      for (const row of byPrefix.all(first, `${first}\u{10ffff}`, SUGGESTION_CANDIDATES)) byName.set(row.tag, row);
      for (const row of top.all(SUGGESTION_CANDIDATES)) byName.set(row.tag, row);
      return closestSpellings(tag, [...byName.values()], limit);
    },
    activeTags: (since, limit) => active.all(since.getTime(), limit),
  };
}
