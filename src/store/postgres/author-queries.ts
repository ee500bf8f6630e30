import type { AuthorStore, AuthorSummary, SourceName } from '../../core/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Sql } from './connect.ts';
import { toStoredThread, type ThreadRow } from './thread-queries.ts';

/**
 * Threads by author in PostgreSQL, over the generated columns and indexes of migration 003 (the same
 * as SQLite's 007): each query is one range of `threads_by_author_*` (or `threads_by_handle`).
 */
export function createPostgresAuthorStore(sql: Sql): AuthorStore {
  return {
    async findAuthors(query, limit) {
      // The author's newest thread gives their handle and name as of now.
      const rows = await sql<(AuthorSummary & { source: string })[]>`
        SELECT DISTINCT ON (a.key) a.key, a.source, a.id, a.handle, a.name, a.threads
        FROM (SELECT author_key AS key, body::jsonb ->> 'source' AS source, body::jsonb #>> '{author,id}' AS id,
                     body::jsonb #>> '{author,handle}' AS handle, COALESCE(body::jsonb #>> '{author,name}', '') AS name,
                     COUNT(*) OVER (PARTITION BY author_key)::int AS threads, seq
              FROM threads
              WHERE author_handle = ${query.handle} AND author_handle <> ''
                ${query.source === undefined ? sql`` : sql`AND body::jsonb ->> 'source' = ${query.source}`}) AS a
        ORDER BY a.key, a.seq DESC`;
      return rows
        .map((r) => ({ ...r, source: r.source as SourceName }))
        .sort((a, b) => b.threads - a.threads || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .slice(0, limit);
    },
    async threadsByAuthor(query) {
      const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
      // The column name is chosen here, never taken from input.
      const key = sql(query.sort === 'recent' ? 'created_at' : 'best_rank');
      const rows = await sql<(ThreadRow & { sort_key: number })[]>`
        SELECT seq, first_seen_at, grown_at, body, ${key} AS sort_key FROM threads
        WHERE author_key = ${query.authorKey}
          ${cursor ? sql`AND (${key} < ${cursor.key} OR (${key} = ${cursor.key} AND seq < ${cursor.seq}))` : sql``}
        ORDER BY ${key} DESC, seq DESC LIMIT ${query.limit + 1}`;
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const last = page[page.length - 1];
      const [count] = await sql<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM threads WHERE author_key = ${query.authorKey}`;
      return {
        threads: page.map(toStoredThread),
        nextCursor: more && last ? encodeCursor({ key: Number(last.sort_key), seq: Number(last.seq) }) : null,
        total: count?.n ?? 0,
      };
    },
    async changedThreadsByAuthor(query) {
      const rows = await sql<ThreadRow[]>`
        SELECT seq, first_seen_at, grown_at, body FROM threads
        WHERE author_key = ${query.authorKey} AND grown_at > ${query.since.getTime()} AND grown_at <= ${query.until.getTime()}
          ${query.lang === undefined ? sql`` : sql`AND lang = ${query.lang}`} AND stored_count >= ${query.minPosts ?? 1}
        ORDER BY best_rank DESC, seq DESC LIMIT ${query.limit}`;
      return rows.map(toStoredThread);
    },
  };
}
