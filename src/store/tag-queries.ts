import { closestSpellings, type TagCount, type TagStore } from '../core/index.ts';
import type { Db } from './db.ts';

/** How many known tags "did you mean" reads; past this the suggestions come from the most used tags. */
const SUGGESTION_SCAN_LIMIT = 200_000;

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

  return {
    tagCount: (tag) => count.get(tag)?.thread_count ?? 0,
    relatedTags: (tag, limit) => related.all(tag, limit),
    tagsByPrefix: (prefix, limit) =>
      prefix === '' ? top.all(limit) : byPrefix.all(prefix, `${prefix}\u{10ffff}`, limit),
    closestTags(tag, limit) {
      return closestSpellings(tag, top.all(SUGGESTION_SCAN_LIMIT), limit);
    },
    activeTags: (since, limit) => active.all(since.getTime(), limit),
  };
}
