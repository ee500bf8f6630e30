import type { Clock, DeliveryLedger, PostSink, TagStore, ThreadStore } from '../core/index.ts';
import { createSqliteCursorStore, type SourceCursorStore } from './cursor-store.ts';
import type { Db } from './db.ts';
import { createSqlitePostSink } from './ingest.ts';
import { createSqliteLedger } from './ledger.ts';
import { createSqliteSubscriptions, type SqliteSubscriptions } from './subscriptions.ts';
import { createSqliteTagStore } from './tag-queries.ts';
import { createSqliteThreadStore } from './thread-queries.ts';

export { DatabaseOpenError, openDatabase, PRAGMAS, type Db } from './db.ts';
export { MIGRATIONS, migrate } from './migrations.ts';
export type { SourceCursorStore } from './cursor-store.ts';
export type { SqliteSubscriptions } from './subscriptions.ts';

/** Every repository over one database, as the composition root hands them to the services. */
export interface SqliteStores {
  readonly threads: ThreadStore;
  readonly tags: TagStore;
  readonly posts: PostSink;
  readonly cursors: SourceCursorStore;
  /** Subscriptions: store (commands, CLI), lifecycle (scheduler), followed tags (pollers). */
  readonly subscriptions: SqliteSubscriptions;
  readonly ledger: DeliveryLedger;
  /** True before the first post is stored: the first run loads the sample threads. */
  isEmpty(): boolean;
  /** Row counts, for /healthz and the benchmark (a full count: not for hot paths). */
  stats(): { posts: number; threads: number; tags: number };
  /**
   * One transaction around several `posts.ingest` calls (each becomes a savepoint): a bulk import
   * commits less often, rewriting the same index pages less, while it holds one batch in memory.
   */
  transactionGroup(): { begin(): void; commit(): void; rollback(): void };
}

export function createSqliteStores(db: Db, clock: Clock): SqliteStores {
  return {
    threads: createSqliteThreadStore(db),
    tags: createSqliteTagStore(db),
    posts: createSqlitePostSink(db, clock),
    cursors: createSqliteCursorStore(db),
    subscriptions: createSqliteSubscriptions(db, clock),
    ledger: createSqliteLedger(db, clock),
    isEmpty: () => db.prepare('SELECT 1 FROM posts LIMIT 1').get() === undefined,
    transactionGroup: () => ({
      begin: () => void db.exec('BEGIN IMMEDIATE'),
      commit: () => void db.exec('COMMIT'),
      rollback: () => {
        if (db.inTransaction) db.exec('ROLLBACK');
      },
    }),
    stats: () =>
      db
        .prepare<[], { posts: number; threads: number; tags: number }>(
          `SELECT (SELECT COUNT(*) FROM posts) AS posts, (SELECT COUNT(*) FROM threads) AS threads,
                  (SELECT COUNT(*) FROM tags WHERE thread_count > 0) AS tags`,
        )
        .get() ?? { posts: 0, threads: 0, tags: 0 },
  };
}
