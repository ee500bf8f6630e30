import { searchTerms, type ChangedThreadsQuery, type SearchQuery, type ThreadPage, type ThreadQuery, type ThreadStore } from '../core/index.ts';
import type { Db } from './db.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Sync } from './sync.ts';
import { readThread, type ThreadRow } from './thread-codec.ts';

/** What lists read of a thread: everything but `rest` (the posts after the first), read on demand. */
const HEAD_COLUMNS = 'th.seq, th.id, th.lang, th.stored_count, th.first_seen_at, th.grown_at, th.head';

/** Search totals are exact up to this many matches, and this number beyond. */
export const SEARCH_COUNT_CAP = 1_000;

/**
 * The words of a search as the full-text index holds them. The index splits text on every character
 * that is not a letter, mark or digit (`_` included) and keeps no positions, so each piece is its own
 * term: every one must match. (`spool_bot` finds threads with both `spool` and `bot`.)
 */
export function searchTokens(words: string): string[] {
  return [
    ...new Set(
      searchTerms(words)
        .flatMap((term) => term.split(/[^\p{L}\p{M}\p{N}\p{Co}]+/u))
        .filter((t) => t !== ''),
    ),
  ];
}

/** Reading threads from SQLite. Every query is one index range scan plus a lookup per row returned. */
export function createSqliteThreadStore(db: Db): Sync<ThreadStore> {
  // One statement per (sort, language filter, first page or not): "recent" walks thread_tags' own key
  // (tag, created_at, seq) backwards, "best" the index thread_tags_best; the language is on both.
  const pageStatements = new Map<string, ReturnType<Db['prepare']>>();
  function pageStatement(sort: ThreadQuery['sort'], withLang: boolean, withCursor: boolean) {
    const key = `${sort}:${withLang}:${withCursor}`;
    let statement = pageStatements.get(key);
    if (!statement) {
      const column = sort === 'recent' ? 'created_at' : 'best_rank';
      statement = db.prepare(`
        SELECT ${HEAD_COLUMNS}, tt.${column} AS sort_key
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
  const tagLangTotal = db.prepare<{ tag: string; lang: string }, { threads: number }>(
    'SELECT threads FROM tag_langs WHERE tag_id = (SELECT id FROM tags WHERE name = @tag) AND lang = @lang',
  );
  const tagId = db.prepare<[string], { id: number }>('SELECT id FROM tags WHERE name = ?');
  const byId = db.prepare<[string], ThreadRow>(`SELECT ${HEAD_COLUMNS}, th.rest FROM threads th WHERE th.id = ?`);
  const restOf = db.prepare<[number], { rest: string }>('SELECT rest FROM threads WHERE seq = ?');
  const readRest = (seq: number): string => restOf.get(seq)?.rest ?? '[]';
  // The candidates come from the covering index thread_tags_digest alone; only the chosen rows are read.
  const changed = db.prepare<Record<string, unknown>, ThreadRow>(`
    SELECT ${HEAD_COLUMNS}
    FROM (SELECT thread_seq, best_rank FROM thread_tags
          WHERE tag_id = (SELECT id FROM tags WHERE name = @tag)
            AND changed_at > @since AND changed_at <= @until
            AND (@lang IS NULL OR lang = @lang) AND stored_count >= @minPosts
          ORDER BY best_rank DESC, thread_seq DESC LIMIT @limit) AS pick
    JOIN threads th ON th.seq = pick.thread_seq
    ORDER BY pick.best_rank DESC, pick.thread_seq DESC`);
  // Search answers newest-stored first (FTS5 walks its doclists backwards, nothing is ranked) and
  // pages by the last rowid seen. A tag-scoped search adds the tag's own token (`tagid<N>`) to the
  // match, so FTS5 intersects the word's list with the tag's: a rare tag costs little however common
  // the word. The link is checked too, in case a text spells such a token out.
  const LINKED = `EXISTS (SELECT 1 FROM thread_tags tt WHERE tt.tag_id = @tagId AND tt.created_at = th.created_at AND tt.thread_seq = th.seq)`;
  const searchPage = db.prepare<Record<string, unknown>, ThreadRow>(`
    SELECT ${HEAD_COLUMNS} FROM thread_search JOIN threads th ON th.seq = thread_search.rowid
    WHERE thread_search MATCH @match AND thread_search.rowid < @before AND (@tagId IS NULL OR ${LINKED})
    ORDER BY thread_search.rowid DESC LIMIT @limit`);
  const searchCount = db.prepare<{ match: string }, { n: number }>(`
    SELECT COUNT(*) AS n FROM (SELECT 1 FROM thread_search WHERE thread_search MATCH @match LIMIT ${SEARCH_COUNT_CAP})`);
  const taggedCount = db.prepare<{ match: string; tagId: number }, { n: number }>(`
    SELECT COUNT(*) AS n FROM (SELECT 1 FROM thread_search JOIN threads th ON th.seq = thread_search.rowid
                               WHERE thread_search MATCH @match AND ${LINKED} LIMIT ${SEARCH_COUNT_CAP})`);
  // An author's threads are few: they are walked (threads_by_author_recent) and each is looked up in the
  // full-text index by its rowid, never the word's whole list filtered. CROSS JOIN keeps threads outside.
  const AUTHOR_MATCHES = `FROM threads th CROSS JOIN thread_search ON thread_search.rowid = th.seq
    WHERE th.author_key = @author AND thread_search MATCH @match AND (@tagId IS NULL OR ${LINKED})`;
  const authorPage = db.prepare<Record<string, unknown>, ThreadRow>(`
    SELECT ${HEAD_COLUMNS} ${AUTHOR_MATCHES} AND th.seq < @before ORDER BY th.seq DESC LIMIT @limit`);
  const authorCount = db.prepare<{ match: string; tagId: number | null; author: string }, { n: number }>(`
    SELECT COUNT(*) AS n FROM (SELECT 1 ${AUTHOR_MATCHES} LIMIT ${SEARCH_COUNT_CAP})`);
  const threadOfPost = db.prepare<[string], { id: string }>('SELECT th.id FROM posts p JOIN threads th ON th.seq = p.thread_seq WHERE p.id = ?');
  const read = (row: ThreadRow) => readThread(row, readRest);

  function searchWith(tokens: readonly string[], tag: number | null, query: SearchQuery): ThreadPage {
    const match = [...tokens.map((t) => `"${t}"`), ...(tag === null ? [] : [`"tagid${tag}"`])].join(' ');
    const before = (query.cursor ? decodeCursor(query.cursor)?.seq : undefined) ?? Number.MAX_SAFE_INTEGER;
    const author = query.authorKey;
    const rows =
      author === undefined
        ? searchPage.all({ match, tagId: tag, before, limit: query.limit + 1 })
        : authorPage.all({ match, tagId: tag, author, before, limit: query.limit + 1 });
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    // A first page that holds every match is its own count: no second pass over the index.
    const total =
      !more && query.cursor === undefined
        ? page.length
        : ((author !== undefined
            ? authorCount.get({ match, tagId: tag, author })
            : tag === null
              ? searchCount.get({ match })
              : taggedCount.get({ match, tagId: tag })
          )?.n ?? 0);
    return { threads: page.map(read), nextCursor: more && last ? encodeCursor({ key: 0, seq: last.seq }) : null, total };
  }

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
        query.lang === undefined ? (tagTotal.get(query.tag)?.thread_count ?? 0) : (tagLangTotal.get({ tag: query.tag, lang: query.lang })?.threads ?? 0);
      return {
        threads: page.map(read),
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
        total,
      };
    },

    getThread(id) {
      const row = byId.get(id);
      return row ? read(row) : undefined;
    },

    search(query: SearchQuery): ThreadPage {
      const tokens = searchTokens(query.words);
      const none = { threads: [], nextCursor: null, total: 0 };
      if (tokens.length === 0) return none;
      let tag: number | null = null;
      if (query.tag !== undefined) {
        const found = tagId.get(query.tag);
        if (!found) return none;
        tag = found.id;
      }
      try {
        return searchWith(tokens, tag, query);
      } catch (error) {
        // A letter newer than SQLite's Unicode tables splits a word into pieces, which would need a
        // phrase: search for each character on its own instead.
        if (!/phrase queries are not supported/u.test((error as Error).message)) throw error;
        return searchWith([...new Set(tokens.flatMap((t) => [...t]))], tag, query);
      }
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
        .map(read);
    },
  };
}
