import { beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStores, openDatabase, type SqliteStores } from '../../../src/store/index.ts';
import { createTestCorpus, type TestCorpus } from '../../support/corpus.ts';
import { hotCalls, ingestCorpus, type HotCall } from '../../support/hot-calls.ts';
import { fixedClock } from '../../support/posts.ts';
import { recordStatements, sqlitePlanProblems, type StatementExpectation, type StatementRecorder } from '../../support/sqlite-plans.ts';

/**
 * The plans of the statements the SQLite store really runs for each hot answer (recorded through
 * `db.prepare`, explained with the parameters they ran with), over a corpus of 3,000 threads. Every
 * statement: no big table read whole. Each hot statement: the index its comment promises, and no
 * sort where that index gives the order. Spool never runs ANALYZE, so the plans that matter are
 * those without statistics; they are checked after ANALYZE too (an operator may run it, and the
 * plans must not depend on it).
 */
const NO_SORT = /USE TEMP B-TREE/u;
const TAG_PAGE = /FROM thread_tags tt JOIN threads th/u;
const SEARCH_PAGE = /FROM thread_search JOIN threads th .* ORDER BY thread_search\.rowid DESC/u;
const SEARCH_COUNT = /^SELECT COUNT\(\*\) AS n FROM \(SELECT 1 FROM thread_search/u;
const FTS = /SCAN thread_search VIRTUAL TABLE INDEX \d+:M/u;
const AUTHOR_RANGE = /SEARCH (?:threads|th) USING (COVERING )?INDEX threads_by_author_\w+ \(author_key=\?/u;

const SQLITE_EXPECTATIONS: Record<Exclude<HotCall, 'activeTags'>, StatementExpectation[]> = {
  // "recent walks thread_tags' own key (tag, created_at, seq) backwards"
  recent: [{ statement: TAG_PAGE, uses: [/SEARCH tt USING PRIMARY KEY \(tag_id=\?\)/u], avoids: [NO_SORT] }],
  recentNextPage: [{ statement: /tt\.created_at < @key/u, uses: [/SEARCH tt USING PRIMARY KEY \(tag_id=\? AND created_at<\?\)/u], avoids: [NO_SORT] }],
  // "the language is on both": a filter on the key's range, still in order.
  recentInLanguage: [
    { statement: TAG_PAGE, uses: [/SEARCH tt USING PRIMARY KEY \(tag_id=\?\)/u], avoids: [NO_SORT] },
    { statement: /^SELECT threads FROM tag_langs/u, uses: [/SEARCH tag_langs USING PRIMARY KEY \(tag_id=\? AND lang=\?\)/u] },
  ],
  // "best" the index thread_tags_best
  best: [{ statement: TAG_PAGE, uses: [/SEARCH tt USING COVERING INDEX thread_tags_best \(tag_id=\?/u], avoids: [NO_SORT] }],
  bestInLanguageNextPage: [{ statement: /tt\.best_rank < @key/u, uses: [/SEARCH tt USING COVERING INDEX thread_tags_best \(tag_id=\?/u], avoids: [NO_SORT] }],
  // "The candidates come from the covering index thread_tags_digest alone"
  digest: [
    {
      statement: /FROM \(SELECT thread_seq, best_rank FROM thread_tags/u,
      uses: [/SEARCH thread_tags USING COVERING INDEX thread_tags_digest \(tag_id=\? AND changed_at>\? AND changed_at<\?\)/u],
    },
  ],
  digestInLanguage: [
    {
      statement: /FROM \(SELECT thread_seq, best_rank FROM thread_tags/u,
      uses: [/SEARCH thread_tags USING COVERING INDEX thread_tags_digest \(tag_id=\? AND changed_at>\? AND changed_at<\?\)/u],
    },
  ],
  search: [
    { statement: SEARCH_PAGE, uses: [FTS] },
    { statement: SEARCH_COUNT, uses: [FTS] },
  ],
  searchRareWord: [{ statement: SEARCH_PAGE, uses: [FTS] }],
  // Paged "by the last rowid seen": the FTS index is given the bound (`<` in its constraint string).
  searchNextPage: [{ statement: SEARCH_PAGE, uses: [/SCAN thread_search VIRTUAL TABLE INDEX \d+:M1</u] }],
  // "adds the tag's own token (`tagid<N>`) to the match … The link is checked too"
  searchInTag: [
    {
      statement: SEARCH_PAGE,
      uses: [FTS, /SEARCH tt USING PRIMARY KEY \(tag_id=\? AND created_at=\? AND thread_seq=\?\)/u],
      params: /"match":"\\"thread\\" \\"tagid\d+\\""/u,
    },
  ],
  // "each is looked up in the full-text index by its rowid": `=` among the FTS constraints, the author's range outside.
  searchByAuthor: [{ statement: /FROM threads th CROSS JOIN thread_search/u, uses: [AUTHOR_RANGE, /SCAN thread_search VIRTUAL TABLE INDEX \d+:=M1/u] }],
  // Trigram lists are ranges of tag_grams (gram, length); the candidates are read by id, by name, by prefix.
  didYouMean: [
    { statement: /FROM tag_grams/u, uses: [/SEARCH tag_grams USING PRIMARY KEY \(gram=\? AND length>\? AND length<\?\)/u] },
    { statement: /WHERE id IN \(SELECT value FROM json_each/u, uses: [/SEARCH tags USING INTEGER PRIMARY KEY \(rowid=\?\)/u] },
    { statement: /WHERE name IN \(SELECT value FROM json_each/u, uses: [/SEARCH tags USING (COVERING )?INDEX sqlite_autoindex_tags_1 \(name=\?\)/u] },
    { statement: /WHERE name >= \? AND name < \?/u, uses: [/SEARCH tags USING (COVERING )?INDEX sqlite_autoindex_tags_1 \(name>\? AND name<\?\)/u] },
  ],
  // "The range `name >= prefix AND name < prefix || U+10FFFF` uses the UNIQUE index on name."
  tagsByPrefix: [
    { statement: /WHERE name >= \? AND name < \?/u, uses: [/SEARCH tags USING (COVERING )?INDEX sqlite_autoindex_tags_1 \(name>\? AND name<\?\)/u] },
  ],
  topTags: [{ statement: /ORDER BY thread_count DESC, name LIMIT \?/u, uses: [/SEARCH tags USING (COVERING )?INDEX tags_by_count/u] }],
  // "Co-occurrence kept as counts, so /related is an index lookup instead of a self-join."
  relatedTags: [{ statement: /FROM tag_pairs p/u, uses: [/SEARCH p USING COVERING INDEX tag_pairs_by_count \(tag_id=\?/u] }],
  // "each query is one range of threads_by_author_* plus a lookup per row returned"
  threadsByAuthor: [
    { statement: /ORDER BY created_at DESC, seq DESC/u, uses: [/SEARCH threads USING INDEX threads_by_author_recent \(author_key=\?/u], avoids: [NO_SORT] },
    { statement: /ORDER BY best_rank DESC, seq DESC/u, uses: [/SEARCH threads USING INDEX threads_by_author_best \(author_key=\?\)/u], avoids: [NO_SORT] },
    { statement: /^SELECT COUNT\(\*\) AS n FROM threads WHERE author_key/u, uses: [AUTHOR_RANGE] },
  ],
  findAuthors: [{ statement: /WHERE author_handle = @handle/u, uses: [/SEARCH threads USING INDEX threads_by_handle \(author_handle=\?\)/u] }],
  authorDigest: [
    {
      statement: /WHERE author_key = @author AND grown_at > @since/u,
      uses: [/SEARCH threads USING INDEX threads_by_author_changed \(author_key=\? AND grown_at>\? AND grown_at<\?\)/u],
    },
  ],
  getThread: [{ statement: /FROM threads th WHERE th\.id = \?/u, uses: [/SEARCH th USING INDEX sqlite_autoindex_threads_1 \(id=\?\)/u] }],
  chatSettings: [
    {
      statement: /FROM chat_settings WHERE platform = @platform AND chat_id = @chatId/u,
      uses: [/SEARCH chat_settings USING PRIMARY KEY \(platform=\? AND chat_id=\?\)/u],
    },
  ],
};

const corpus: TestCorpus = createTestCorpus({ threads: 3_000, tags: 300, authors: 300 });
const calls = hotCalls(corpus);

/** A store holding the corpus, its statements recorded from the start. */
async function recordedStore(source: TestCorpus = corpus): Promise<{ stores: SqliteStores; recorder: StatementRecorder }> {
  const db = openDatabase(':memory:');
  const recorder = recordStatements(db);
  const clock = fixedClock();
  const stores = createSqliteStores(db, clock);
  await ingestCorpus(stores, clock, source);
  recorder.take();
  return { stores, recorder };
}

for (const statistics of [false, true]) {
  describe(`SQLite query plans of the hot answers, ${statistics ? 'after ANALYZE' : 'as Spool leaves the database (no statistics)'}`, () => {
    let stores: SqliteStores;
    let recorder: StatementRecorder;
    beforeAll(async () => {
      ({ stores, recorder } = await recordedStore());
      if (statistics) stores.db.exec('ANALYZE');
    }, 120_000);

    for (const [name, expected] of Object.entries(SQLITE_EXPECTATIONS) as [HotCall, StatementExpectation[]][]) {
      it(`${name} → every statement reads ranges of indexes, the promised one among them`, async () => {
        await calls[name](stores);
        expect(sqlitePlanProblems(recorder, recorder.take(), expected)).toEqual([]);
      });
    }

    // Without statistics SQLite would walk the whole of thread_tags_digest (it hands the GROUP BY its
    // order); the statement names thread_tags_active, and this case holds it to that.
    it("activeTags → reads only the window's range of thread_tags_active", async () => {
      await calls.activeTags(stores);
      const expected = [
        {
          statement: /FROM thread_tags tt (?:INDEXED BY thread_tags_active )?JOIN tags t/u,
          uses: [/SEARCH tt USING COVERING INDEX thread_tags_active \(changed_at>\?\)/u],
        },
      ];
      expect(sqlitePlanProblems(recorder, recorder.take(), expected)).toEqual([]);
    });
  });
}

describe('the SQLite plan checks can fail', () => {
  const small = createTestCorpus({ threads: 600, tags: 60, authors: 40, seed: 7 });
  const smallCalls = hotCalls(small);

  it('thread_tags_best dropped → "best" is named with its plan, which sorts instead of walking the index', async () => {
    const { stores, recorder } = await recordedStore(small);
    await smallCalls.best(stores);
    expect(sqlitePlanProblems(recorder, recorder.take(), SQLITE_EXPECTATIONS.best)).toEqual([]);
    stores.db.exec('DROP INDEX thread_tags_best');
    await smallCalls.best(stores);
    const problems = sqlitePlanProblems(recorder, recorder.take(), SQLITE_EXPECTATIONS.best);
    expect(problems.join('\n')).toMatch(
      /the plan does not show .*thread_tags_best[^]*statement: SELECT th\.seq[^]*tt\.best_rank AS sort_key[^]*plan:[^]*USE TEMP B-TREE FOR ORDER BY/u,
    );
  });

  it('the author indexes dropped → the author page is named as reading the whole threads table', async () => {
    const { stores, recorder } = await recordedStore(small);
    for (const index of ['threads_by_author_recent', 'threads_by_author_best', 'threads_by_author_changed', 'threads_by_handle'])
      stores.db.exec(`DROP INDEX ${index}`);
    await smallCalls.threadsByAuthor(stores);
    const problems = sqlitePlanProblems(recorder, recorder.take(), SQLITE_EXPECTATIONS.threadsByAuthor);
    expect(problems.join('\n')).toMatch(/reads a whole table: "SCAN threads"\n {2}statement: SELECT seq, id, lang[^]*WHERE author_key = @author/u);
  });
});
