import { closestSpellings, type TagCount, type TagStore } from '../../core/index.ts';
import type { Sql } from './connect.ts';

/** As in SQLite: "did you mean" reads the tags sharing the first letter and the most used ones, at most this many each. */
const SUGGESTION_CANDIDATES = 2_000;

/** Hashtag counts, co-occurrence and suggestions from PostgreSQL; names compare in byte order (collation "C"). */
export function createPostgresTagStore(sql: Sql): TagStore {
  const byPrefix = (prefix: string, limit: number) => sql<TagCount[]>`
    SELECT name AS tag, thread_count AS threads FROM tags
    WHERE name >= ${prefix} AND name < ${`${prefix}\u{10ffff}`} AND thread_count > 0
    ORDER BY thread_count DESC, name LIMIT ${limit}`;
  const top = (limit: number) => sql<TagCount[]>`
    SELECT name AS tag, thread_count AS threads FROM tags WHERE thread_count > 0
    ORDER BY thread_count DESC, name LIMIT ${limit}`;

  return {
    async tagCount(tag) {
      const [row] = await sql<{ n: number }[]>`SELECT thread_count AS n FROM tags WHERE name = ${tag}`;
      return row?.n ?? 0;
    },
    async relatedTags(tag, limit) {
      return [
        ...(await sql<TagCount[]>`
        SELECT t.name AS tag, p.threads AS threads
        FROM tag_pairs p JOIN tags t ON t.id = p.other_id
        WHERE p.tag_id = (SELECT id FROM tags WHERE name = ${tag}) AND p.threads > 0
        ORDER BY p.threads DESC, t.name LIMIT ${limit}`),
      ];
    },
    async tagsByPrefix(prefix, limit) {
      return [...(await (prefix === '' ? top(limit) : byPrefix(prefix, limit)))];
    },
    async closestTags(tag, limit) {
      const first = [...tag][0] ?? '';
      const [sameStart, mostUsed] = await Promise.all([byPrefix(first, SUGGESTION_CANDIDATES), top(SUGGESTION_CANDIDATES)]);
      const byName = new Map<string, TagCount>();
      for (const row of [...sameStart, ...mostUsed]) byName.set(row.tag, row);
      return closestSpellings(tag, [...byName.values()], limit);
    },
    async activeTags(since, limit) {
      return [
        ...(await sql<TagCount[]>`
        SELECT t.name AS tag, COUNT(*)::int AS threads
        FROM thread_tags tt JOIN tags t ON t.id = tt.tag_id
        WHERE tt.changed_at >= ${since.getTime()}
        GROUP BY t.id, t.name ORDER BY threads DESC, t.name LIMIT ${limit}`),
      ];
    },
  };
}
