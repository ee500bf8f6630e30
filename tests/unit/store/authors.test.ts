import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/store/index.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

// What every engine does by author is in tests/contract/authors.contract.ts; here, how SQLite does it.
describe('reading by author on SQLite (migration 007)', () => {
  it('the queries use the author indexes (no scan of every thread)', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT seq FROM threads WHERE author_key = 'x|1' ORDER BY created_at DESC, seq DESC LIMIT 5")).toContain('threads_by_author_recent');
    expect(plan("SELECT seq FROM threads WHERE author_key = 'x|1' ORDER BY best_rank DESC, seq DESC LIMIT 5")).toContain('threads_by_author_best');
    expect(plan("SELECT seq FROM threads WHERE author_key = 'x|1' AND grown_at > 0 AND grown_at <= 9")).toContain('threads_by_author_changed');
    expect(plan("SELECT author_key, COUNT(*) FROM threads WHERE author_handle = 'alice' AND author_handle <> '' GROUP BY author_key")).toContain(
      'threads_by_handle',
    );
  });
});
