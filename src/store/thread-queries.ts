import {
  searchTerms,
  type ChangedThreadsQuery,
  type SearchQuery,
  type StoredThread,
  type Thread,
  type ThreadPage,
  type ThreadQuery,
  type ThreadStore,
} from '../core/index.ts';
import type { Db } from './db.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Sync } from './sync.ts';

interface ThreadRow {
  seq: number;
  first_seen_at: number;
  grown_at: number;
  body: string;
}

function toStoredThread(row: ThreadRow): StoredThread {
  const thread = JSON.parse(row.body) as Thread;
  return { ...thread, firstSeenAt: new Date(row.first_seen_at).toISOString(), grownAt: new Date(row.grown_at).toISOString() };
}

const THREAD_COLUMNS = 'th.seq, th.first_seen_at, th.grown_at, th.body';

/** Search totals are exact up to this many matches, and this number beyond. */
export const SEARCH_COUNT_CAP = 1_000;

/** Reading threads from SQLite. Every query is one index range scan plus a lookup per row returned. */
export function createSqliteThreadStore(db: Db): Sync<ThreadStore> {
  // One statement per (sort, language filter, first page or not): each maps onto its own index.
  const pageStatements = new Map<string, ReturnType<Db['prepare']>>();
  function pageStatement(sort: ThreadQuery['sort'], withLang: boolean, withCursor: boolean) {
    const key = `${sort}:${withLang}:${withCursor}`;
    let statement = pageStatements.get(key);
    if (!statement) {
      const column = sort === 'recent' ? 'created_at' : 'best_rank';
      statement = db.prepare(`
        SELECT ${THREAD_COLUMNS}, tt.${column} AS sort_key
        FROM thread_tags tt JOIN threads th ON th.seq = tt.thread_seq
        WHERE tt.tag_id = (SELECT id FROM tags WHERE name = @tag)
          ${withLang ? 'AND tt.lang = @lang' : ''}
          ${withCursor ? `AND (tt.${column} < @key OR (tt.${column} = @key AND tt.thread_seq < @seq))` : ''}
        ORDER BY tt.${column} DESC, tt.thread_seq DESC
        LIMIT @limit`);
      pageStatements.set(key, statement);
    }
    return statement;
  }
  const tagTotal = db.prepare<[string], { thread_count: number }>('SELECT thread_count FROM tags WHERE name = ?');
  const tagLangTotal = db.prepare<{ tag: string; lang: string }, { n: number }>(
    'SELECT COUNT(*) AS n FROM thread_tags WHERE tag_id = (SELECT id FROM tags WHERE name = @tag) AND lang = @lang',
  );
  const byId = db.prepare<[string], ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM threads th WHERE th.id = ?`);
  // The candidates come from the covering index thread_tags_digest alone; only the chosen rows are read.
  const changed = db.prepare<Record<string, unknown>, ThreadRow>(`
    SELECT ${THREAD_COLUMNS}
    FROM (SELECT thread_seq, best_rank FROM thread_tags
          WHERE tag_id = (SELECT id FROM tags WHERE name = @tag)
            AND changed_at > @since AND changed_at <= @until
            AND (@lang IS NULL OR lang = @lang) AND stored_count >= @minPosts
          ORDER BY best_rank DESC, thread_seq DESC LIMIT @limit) AS pick
    JOIN threads th ON th.seq = pick.thread_seq
    ORDER BY pick.best_rank DESC, pick.thread_seq DESC`);
  // Search answers newest-stored first (FTS5 walks its doclist backwards, no ranking of every match),
  // pages by the last rowid seen, and counts matches only up to SEARCH_COUNT_CAP: at 100k threads a
  // common word matches tens of thousands, and a bm25 sort or a full count of those took ~100 ms.
  const TAG_FILTER = `(@tag IS NULL OR EXISTS (SELECT 1 FROM thread_tags tt WHERE tt.thread_seq = thread_text.rowid
                                   AND tt.tag_id = (SELECT id FROM tags WHERE name = @tag)))`;
  // An author's threads are few: their rowids (threads_by_author_recent) narrow the match, not the other way round.
  const AUTHOR_FILTER = `(@author IS NULL OR thread_text.rowid IN (SELECT seq FROM threads WHERE author_key = @author))`;
  const searchPage = db.prepare<Record<string, unknown>, ThreadRow>(`
    SELECT ${THREAD_COLUMNS} FROM thread_text JOIN threads th ON th.seq = thread_text.rowid
    WHERE thread_text MATCH @match AND thread_text.rowid < @before AND ${TAG_FILTER} AND ${AUTHOR_FILTER}
    ORDER BY thread_text.rowid DESC LIMIT @limit`);
  const searchCount = db.prepare<Record<string, unknown>, { n: number }>(`
    SELECT COUNT(*) AS n FROM (SELECT 1 FROM thread_text WHERE thread_text MATCH @match AND ${TAG_FILTER} AND ${AUTHOR_FILTER} LIMIT ${SEARCH_COUNT_CAP})`);
  const threadOfPost = db.prepare<[string], { id: string }>('SELECT th.id FROM posts p JOIN threads th ON th.id = p.thread_id WHERE p.id = ?');

  return {
    threadsByTag(query) {
      const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = pageStatement(query.sort, query.lang !== undefined, cursor !== undefined).all({
        tag: query.tag,
        lang: query.lang,
        key: cursor?.key,
        seq: cursor?.seq,
        limit: query.limit + 1,
      }) as (ThreadRow & { sort_key: number })[];
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const last = page[page.length - 1];
      const total =
        query.lang === undefined
          ? (tagTotal.get(query.tag)?.thread_count ?? 0)
          : (tagLangTotal.get({ tag: query.tag, lang: query.lang })?.n ?? 0);
      return {
        threads: page.map(toStoredThread),
        nextCursor: more && last ? encodeCursor({ key: last.sort_key, seq: last.seq }) : null,
        total,
      };
    },

    getThread(id) {
      const row = byId.get(id);
      return row ? toStoredThread(row) : undefined;
    },

    search(query: SearchQuery): ThreadPage {
      const terms = searchTerms(query.words);
      if (terms.length === 0) return { threads: [], nextCursor: null, total: 0 };
      // Every term quoted: the user's words are never read as FTS operators.
      const match = terms.map((t) => `"${t}"`).join(' ');
      const before = (query.cursor ? decodeCursor(query.cursor)?.seq : undefined) ?? Number.MAX_SAFE_INTEGER;
      const params = { match, tag: query.tag ?? null, author: query.authorKey ?? null };
      const rows = searchPage.all({ ...params, before, limit: query.limit + 1 });
      const more = rows.length > query.limit;
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        threads: page.map(toStoredThread),
        nextCursor: more && last ? encodeCursor({ key: 0, seq: last.seq }) : null,
        total: searchCount.get(params)?.n ?? 0,
      };
    },

    threadIdOfPost(postId) {
      return threadOfPost.get(postId)?.id;
    },

    changedThreads(query: ChangedThreadsQuery) {
      return changed
        .all({
          tag: query.tag,
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
