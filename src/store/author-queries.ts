import type { AuthorStore, AuthorSummary, SourceName } from '../core/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';
import { readThread, type ThreadRow } from './thread-codec.ts';

/** What lists read of a thread: everything but `rest` (the posts after the first), read on demand. */
const COLUMNS = 'seq, id, lang, stored_count, first_seen_at, grown_at, head';

/**
 * Threads by author, over the generated columns and indexes of migration 005: each query is one
 * range of `threads_by_author_*` (or `threads_by_handle`) plus a lookup per row returned.
 */
export function createSqliteAuthorStore(db: Db): Sync<AuthorStore> {
  // MAX(seq) makes SQLite take the bare columns from the author's newest thread: their handle and name as of now.
  // The thread head keeps the author as `a`: [id, handle, name] (thread-codec.ts).
  const find = db.prepare<{ handle: string; source: string | null; limit: number }, AuthorSummary & { seq: number }>(`
    SELECT author_key AS key, head ->> '$.s' AS source, head ->> '$.a[0]' AS id,
           head ->> '$.a[1]' AS handle, COALESCE(head ->> '$.a[2]', '') AS name,
           COUNT(*) AS threads, MAX(seq) AS seq
    FROM threads
    WHERE author_handle = @handle AND author_handle <> '' AND (@source IS NULL OR head ->> '$.s' = @source)
    GROUP BY author_key ORDER BY threads DESC, key LIMIT @limit`);
  const pages = new Map<string, ReturnType<Db['prepare']>>();
  function pageStatement(sort: 'recent' | 'best', withCursor: boolean) {
    const key = `${sort}:${withCursor}`;
    let statement = pages.get(key);
    if (!statement) {
      const column = sort === 'recent' ? 'created_at' : 'best_rank';
      statement = db.prepare(`
        SELECT ${COLUMNS}, ${column} AS sort_key FROM threads
        WHERE author_key = @author
          ${withCursor ? `AND (${column} < @key OR (${column} = @key AND seq < @seq))` : ''}
        ORDER BY ${column} DESC, seq DESC LIMIT @limit`);
      pages.set(key, statement);
    }
    return statement;
  }
  const total = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM threads WHERE author_key = ?');
  const changed = db.prepare<Record<string, unknown>, ThreadRow>(`
    SELECT ${COLUMNS} FROM threads
    WHERE author_key = @author AND grown_at > @since AND grown_at <= @until
      AND (@lang IS NULL OR lang = @lang) AND stored_count >= @minPosts
    ORDER BY best_rank DESC, seq DESC LIMIT @limit`);

  const restOf = db.prepare<[number], { rest: string }>('SELECT rest FROM threads WHERE seq = ?');
  const toStoredThread = (row: ThreadRow) => readThread(row, (seq) => restOf.get(seq)?.rest ?? '[]');

  return {
    findAuthors(query, limit) {
      return find
        .all({ handle: query.handle, source: query.source ?? null, limit })
        .map(({ seq: _seq, ...author }) => ({ ...author, source: author.source as SourceName }));
    },
    threadsByAuthor(query) {
      const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = pageStatement(query.sort, cursor !== undefined).all({
        author: query.authorKey,
        key: cursor?.key,
        seq: cursor?.seq,
        limit: query.limit + 1,
      }) as (ThreadRow & { sort_key: number })[];
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const last = page[page.length - 1];
      return {
        threads: page.map(toStoredThread),
        nextCursor: more && last ? encodeCursor({ key: last.sort_key, seq: last.seq }) : null,
        total: total.get(query.authorKey)?.n ?? 0,
      };
    },
    changedThreadsByAuthor(query) {
      return changed
        .all({
          author: query.authorKey,
          since: query.since.getTime(),
          until: query.until.getTime(),
          lang: query.lang ?? null,
          minPosts: query.minPosts ?? 1,
          limit: query.limit,
        })
        .map(toStoredThread);
    },
  };
}
