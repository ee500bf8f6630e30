import {
  searchTerms,
  type ChangedThreadsQuery,
  type SearchQuery,
  type StoredThread,
  type Thread,
  type ThreadPage,
  type ThreadQuery,
  type ThreadStore,
} from '../../core/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Sql } from './connect.ts';

export interface ThreadRow {
  seq: number;
  first_seen_at: number;
  grown_at: number;
  body: string;
}

export function toStoredThread(row: ThreadRow): StoredThread {
  const thread = JSON.parse(row.body) as Thread;
  return { ...thread, firstSeenAt: new Date(row.first_seen_at).toISOString(), grownAt: new Date(row.grown_at).toISOString() };
}

/** Search totals are exact up to this many matches, and this number beyond (as in SQLite). */
const SEARCH_COUNT_CAP = 1_000;

/**
 * A tsquery that needs every term, each a quoted lexeme with its accents removed by the database's
 * `unaccent` (as the stored words were). The terms hold only letters, marks, digits and `_`
 * (`searchTerms`), so they can never be read as tsquery operators.
 */
function everyWord(sql: Sql, terms: readonly string[]) {
  return sql`(SELECT string_agg(quote_literal(w), ' & ')::tsquery
              FROM unnest(string_to_array(unaccent(${terms.join(' ')}), ' ')) AS w)`;
}

/** Reading threads from PostgreSQL: the same queries as SQLite's, each one index range scan. */
export function createPostgresThreadStore(sql: Sql): ThreadStore {
  const tagId = (tag: string) => sql`(SELECT id FROM tags WHERE name = ${tag})`;

  return {
    async threadsByTag(query: ThreadQuery): Promise<ThreadPage> {
      const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
      // The column name is chosen here, never taken from input.
      const key = sql(query.sort === 'recent' ? 'created_at' : 'best_rank');
      const rows = await sql<(ThreadRow & { sort_key: number })[]>`
        SELECT th.seq, th.first_seen_at, th.grown_at, th.body, tt.${key} AS sort_key
        FROM thread_tags tt JOIN threads th ON th.seq = tt.thread_seq
        WHERE tt.tag_id = ${tagId(query.tag)}
          ${query.lang !== undefined ? sql`AND tt.lang = ${query.lang}` : sql``}
          ${cursor ? sql`AND (tt.${key} < ${cursor.key} OR (tt.${key} = ${cursor.key} AND tt.thread_seq < ${cursor.seq}))` : sql``}
        ORDER BY tt.${key} DESC, tt.thread_seq DESC
        LIMIT ${query.limit + 1}`;
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const last = page[page.length - 1];
      const [count] =
        query.lang === undefined
          ? await sql<{ n: number }[]>`SELECT thread_count AS n FROM tags WHERE name = ${query.tag}`
          : await sql<{ n: number }[]>`SELECT COUNT(*) AS n FROM thread_tags WHERE tag_id = ${tagId(query.tag)} AND lang = ${query.lang}`;
      return {
        threads: page.map(toStoredThread),
        nextCursor: more && last ? encodeCursor({ key: last.sort_key, seq: last.seq }) : null,
        // An empty page has nothing to go on after.
        ...(page.length > 0
          ? {
              cursorAfter: (index: number) => {
                const row = page[index];
                return row && (more || index < page.length - 1) ? encodeCursor({ key: row.sort_key, seq: row.seq }) : null;
              },
            }
          : {}),
        total: count?.n ?? 0,
      };
    },

    async getThread(id) {
      const [row] = await sql<ThreadRow[]>`SELECT seq, first_seen_at, grown_at, body FROM threads WHERE id = ${id}`;
      return row ? toStoredThread(row) : undefined;
    },

    /**
     * Newest stored first, paged by the last seq seen, matches counted up to the cap: as SQLite answers.
     * The count (a GIN bitmap scan, stopped at the cap) decides the page's plan: fewer matches than the
     * cap → read them all through the GIN index and sort (a rare word never walks the whole table);
     * more → walk threads newest first and test each (a common word finds a page in a few rows).
     */
    async search(query: SearchQuery): Promise<ThreadPage> {
      const terms = searchTerms(query.words);
      if (terms.length === 0) return { threads: [], nextCursor: null, total: 0 };
      const before = (query.cursor ? decodeCursor(query.cursor)?.seq : undefined) ?? Number.MAX_SAFE_INTEGER;
      const tagFilter = sql`
        ${query.tag === undefined ? sql`` : sql`AND EXISTS (SELECT 1 FROM thread_tags tt WHERE tt.thread_seq = w.seq AND tt.tag_id = ${tagId(query.tag)})`}
        ${query.authorKey === undefined ? sql`` : sql`AND w.seq IN (SELECT seq FROM threads WHERE author_key = ${query.authorKey})`}`;
      const [count] = await sql<{ n: number }[]>`
        SELECT COUNT(*) AS n FROM (SELECT 1 FROM thread_words w WHERE w.words @@ ${everyWord(sql, terms)} ${tagFilter}
                                  LIMIT ${SEARCH_COUNT_CAP}) AS capped`;
      const total = count?.n ?? 0;
      if (total === 0) return { threads: [], nextCursor: null, total };
      const rows =
        total < SEARCH_COUNT_CAP
          ? await sql<ThreadRow[]>`
              WITH matches AS MATERIALIZED (
                SELECT w.seq FROM thread_words w WHERE w.words @@ ${everyWord(sql, terms)} AND w.seq < ${before} ${tagFilter})
              SELECT th.seq, th.first_seen_at, th.grown_at, th.body
              FROM matches m JOIN threads th ON th.seq = m.seq
              ORDER BY m.seq DESC LIMIT ${query.limit + 1}`
          : await sql<ThreadRow[]>`
              SELECT th.seq, th.first_seen_at, th.grown_at, th.body
              FROM thread_words w JOIN threads th ON th.seq = w.seq
              WHERE w.words @@ ${everyWord(sql, terms)} AND w.seq < ${before} ${tagFilter}
              ORDER BY w.seq DESC LIMIT ${query.limit + 1}`;
      const more = rows.length > query.limit;
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        threads: page.map(toStoredThread),
        nextCursor: more && last ? encodeCursor({ key: 0, seq: last.seq }) : null,
        total,
      };
    },

    async threadIdOfPost(postId) {
      const [row] = await sql<{ thread_id: string | null }[]>`SELECT thread_id FROM posts WHERE id = ${postId}`;
      return row?.thread_id ?? undefined;
    },

    async changedThreads(query: ChangedThreadsQuery) {
      const rows = await sql<ThreadRow[]>`
        SELECT th.seq, th.first_seen_at, th.grown_at, th.body
        FROM (SELECT thread_seq, best_rank FROM thread_tags
              WHERE tag_id = ${tagId(query.tag)}
                AND changed_at > ${query.since.getTime()} AND changed_at <= ${query.until.getTime()}
                ${query.lang !== undefined ? sql`AND lang = ${query.lang}` : sql``}
                AND stored_count >= ${query.minPosts ?? 1}
              ORDER BY best_rank DESC, thread_seq DESC LIMIT ${query.limit}) AS pick
        JOIN threads th ON th.seq = pick.thread_seq
        ORDER BY pick.best_rank DESC, pick.thread_seq DESC`;
      return rows.map(toStoredThread);
    },
  };
}
