import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStores, migratePostgres, type PostgresStores } from '../../../../src/store/postgres/index.ts';
import { createTestCorpus } from '../../../support/corpus.ts';
import { hotCalls, ingestCorpus, type HotCall } from '../../../support/hot-calls.ts';
import { fixedClock } from '../../../support/posts.ts';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.ts';
import {
  explainIn,
  pgPlanProblems,
  recordPostgresStatements,
  type PgStatementExpectation,
  type PostgresStatementRecorder,
} from '../../../support/postgres-plans.ts';

/**
 * The plans of the statements the PostgreSQL store really runs for each hot answer (recorded by the
 * pool's statement hook, explained with the parameters they ran with), over 6,000 threads after
 * VACUUM (ANALYZE): the state autovacuum keeps a database in (statistics, the GIN index's pending list
 * merged, visibility map set). Below a few thousand threads the planner rightly reads small tables
 * whole, so the corpus is as small as it can be while indexes still pay. Each statement is checked
 * with the plan for its parameters and with the generic plan a prepared statement may settle on.
 */
const TAG_PAGE = /FROM thread_tags tt JOIN threads th/u;
const SEARCH_COUNT = /^SELECT COUNT\(\*\) AS n FROM \(SELECT 1 FROM thread_words w/u;
const SEARCH_PAGE = /^(WITH matches|SELECT th\.seq, th\.first_seen_at, th\.grown_at, th\.body FROM thread_words w)/u;
const DIGEST = /FROM \(SELECT thread_seq, best_rank FROM thread_tags/u;
const LANG_TOTAL = /^SELECT COUNT\(\*\) AS n FROM thread_tags WHERE tag_id/u;

const PG_EXPECTATIONS: Record<HotCall, PgStatementExpectation[]> = {
  // "The sort keys are copied into the link so that a page of /threads is one index range scan."
  recent: [{ statement: TAG_PAGE, uses: [/^thread_tags_recent$/u] }],
  recentNextPage: [{ statement: /tt\."created_at" </u, uses: [/^thread_tags_recent$/u] }],
  recentInLanguage: [
    { statement: TAG_PAGE, uses: [/^thread_tags_lang_recent$/u] },
    { statement: LANG_TOTAL, uses: [/^thread_tags_lang_/u] },
  ],
  best: [{ statement: TAG_PAGE, uses: [/^thread_tags_best$/u] }],
  bestInLanguageNextPage: [{ statement: /tt\."best_rank" </u, uses: [/^thread_tags_lang_best$/u] }],
  digest: [{ statement: DIGEST, uses: [/^thread_tags_digest$/u] }],
  digestInLanguage: [{ statement: DIGEST, uses: [/^thread_tags_digest$/u] }],
  // "The count (a GIN bitmap scan, stopped at the cap) decides the page's plan: fewer matches than the
  // cap → read them all through the GIN index …; more → walk threads newest first and test each."
  search: [
    { statement: SEARCH_COUNT, uses: [/^thread_words_gin$/u] },
    { statement: SEARCH_PAGE, uses: [/^thread_words_pkey$/u] },
  ],
  searchRareWord: [
    { statement: SEARCH_COUNT, uses: [/^thread_words_gin$/u] },
    { statement: SEARCH_PAGE, uses: [/^thread_words_gin$/u] },
  ],
  searchNextPage: [{ statement: SEARCH_PAGE, uses: [/^thread_words_pkey$/u] }],
  searchInTag: [{ statement: SEARCH_PAGE, uses: [/^thread_words_gin$/u, /^thread_tags_/u] }],
  searchByAuthor: [{ statement: SEARCH_PAGE, uses: [/^thread_words_gin$/u, /^threads_by_author_/u] }],
  // Tags are few (hundreds here): reading them whole is allowed; the prefix range is the UNIQUE index on name.
  didYouMean: [{ statement: /WHERE name >= \$1 AND name < \$2/u, uses: [/^tags_name_key$/u] }],
  tagsByPrefix: [{ statement: /WHERE name >= \$1 AND name < \$2/u, uses: [/^tags_name_key$/u] }],
  topTags: [{ statement: /ORDER BY thread_count DESC, name LIMIT/u, uses: [/^tags_by_count$/u] }],
  relatedTags: [{ statement: /FROM tag_pairs p/u, uses: [/^tag_pairs_by_count$/u] }],
  activeTags: [{ statement: /FROM thread_tags tt JOIN tags t/u, uses: [/^thread_tags_active$/u] }],
  // "each query is one range of threads_by_author_* (or threads_by_handle)"
  threadsByAuthor: [
    { statement: /ORDER BY "created_at" DESC, seq DESC/u, uses: [/^threads_by_author_recent$/u] },
    { statement: /ORDER BY "best_rank" DESC, seq DESC/u, uses: [/^threads_by_author_best$/u] },
    { statement: /^SELECT COUNT\(\*\)::int AS n FROM threads WHERE author_key/u, uses: [/^threads_by_author_/u] },
  ],
  findAuthors: [{ statement: /WHERE author_handle = \$1/u, uses: [/^threads_by_handle$/u] }],
  authorDigest: [{ statement: /WHERE author_key = \$1 AND grown_at > \$2/u, uses: [/^threads_by_author_/u] }],
  getThread: [{ statement: /FROM threads WHERE id = \$1/u, uses: [/^threads_id_key$/u] }],
  // One row per chat that changed a setting (none in the corpus): the planner rightly reads an empty
  // table whole, so only the statement is held here (SQLite's case checks the primary key lookup).
  chatSettings: [{ statement: /FROM chat_settings WHERE platform = \$1 AND chat_id = \$2/u, uses: [] }],
};

const corpus = createTestCorpus({ threads: 6_000, tags: 300, authors: 300 });
const calls = hotCalls(corpus);
let database: TestDatabase;
let recorder: PostgresStatementRecorder;
let stores: PostgresStores;
beforeAll(async () => {
  database = await createTestDatabase('plans');
  recorder = await recordPostgresStatements(database.url);
  await migratePostgres(recorder.sql);
  const clock = fixedClock();
  stores = createPostgresStores(recorder.sql, clock);
  await ingestCorpus(stores, clock, corpus);
  await recorder.sql`VACUUM (ANALYZE)`;
  recorder.take();
}, 600_000);
afterAll(async () => {
  await recorder?.sql.end({ timeout: 5 });
  await database?.drop();
});

describe('PostgreSQL query plans of the hot answers (6,000 threads, after VACUUM ANALYZE)', () => {
  for (const [name, expected] of Object.entries(PG_EXPECTATIONS) as [HotCall, PgStatementExpectation[]][]) {
    it(`${name} → no sequential scan of a big table, the promised index read (custom and generic plans)`, async () => {
      await calls[name](stores);
      expect(await pgPlanProblems(recorder.explain, recorder.take(), expected)).toEqual([]);
    });
  }
});

describe('the PostgreSQL plan checks can fail', () => {
  /** The problems found once `index` is gone; dropped in a transaction that is rolled back. */
  async function problemsWithout(index: string, call: HotCall): Promise<string> {
    await calls[call](stores);
    const ran = recorder.take();
    let problems: string[] = [];
    await recorder.sql
      .begin(async (tx) => {
        await tx.unsafe(`DROP INDEX ${index}`);
        problems = await pgPlanProblems((statement, kind) => explainIn(tx, statement, kind), ran, PG_EXPECTATIONS[call]);
        throw new Error('roll back');
      })
      .catch((error: unknown) => {
        if ((error as Error).message !== 'roll back') throw error;
      });
    return problems.join('\n');
  }

  it('thread_tags_best dropped → "best" is named with its plan, which reads no thread_tags_best', async () => {
    expect(await problemsWithout('thread_tags_best', 'best')).toMatch(
      /the plan reads no index .*thread_tags_best.* \(custom plan\)\n {2}statement: SELECT th\.seq[^]*"best_rank" AS sort_key[^]*plan:\n/u,
    );
  });

  it("thread_words_gin dropped → a rare word's search is named as reading thread_words whole", async () => {
    expect(await problemsWithout('thread_words_gin', 'searchRareWord')).toMatch(
      /reads a whole table: "Seq Scan on thread_words" \(custom plan\)\n {2}statement: SELECT COUNT\(\*\)[^]*plan:\n[^]*Seq Scan on thread_words/u,
    );
  });
});
