import type { Clock, PostSink, Stores, StoreStats } from '../core/index.ts';
import { createSqliteChatSettings } from './chat-settings.ts';
import { createSqliteAuthorStore } from './author-queries.ts';
import { createSqliteCursorStore } from './cursor-store.ts';
import { openDatabase, type Db } from './db.ts';
import { createSqliteLedger } from './ledger.ts';
import { createSqliteLeaseStore } from './leases.ts';
import { createSqliteKeyStore } from './short-keys.ts';
import { createSqliteSubscriptions } from './subscriptions.ts';
import { asyncPort } from './sync.ts';
import { createSqliteTagStore } from './tag-queries.ts';
import { createSqliteThreadStore } from './thread-queries.ts';

export { DatabaseOpenError, openDatabase, PRAGMAS, type Db } from './db.ts';
export { MIGRATIONS, migrate } from './migrations.ts';

/** The SQLite stores and, for tests and benchmarks that look underneath, their database. */
export interface SqliteStores extends Stores {
  readonly db: Db;
}

/** Every repository over one open database, as the core's asynchronous ports. */
export function createSqliteStores(db: Db, clock: Clock): SqliteStores {
  const isEmpty = db.prepare('SELECT 1 FROM posts LIMIT 1');
  const stats = db.prepare<[], StoreStats>(
    `SELECT (SELECT COUNT(*) FROM posts) AS posts, (SELECT COUNT(*) FROM threads) AS threads,
            (SELECT COUNT(*) FROM tags WHERE thread_count > 0) AS tags`,
  );
  return {
    db,
    threads: asyncPort(createSqliteThreadStore(db)),
    authors: asyncPort(createSqliteAuthorStore(db)),
    keys: asyncPort(createSqliteKeyStore(db, clock)),
    tags: asyncPort(createSqliteTagStore(db)),
    posts: lazyPostSink(db, clock),
    cursors: asyncPort(createSqliteCursorStore(db)),
    subscriptions: asyncPort(createSqliteSubscriptions(db, clock)),
    ledger: asyncPort(createSqliteLedger(db, clock)),
    leases: asyncPort(createSqliteLeaseStore(db)),
    chatSettings: asyncPort(createSqliteChatSettings(db)),
    isEmpty: async () => isEmpty.get() === undefined,
    stats: async () => stats.get() ?? { posts: 0, threads: 0, tags: 0 },
    importGroup: () => ({
      begin: async () => void db.exec('BEGIN IMMEDIATE'),
      commit: async () => void db.exec('COMMIT'),
      rollback: async () => {
        if (db.inTransaction) db.exec('ROLLBACK');
      },
    }),
    close: async () => void db.close(),
  };
}

/**
 * The write path (unrolling, hashtag extraction, language detection) is loaded on the first ingest:
 * the commands that only read — most CLI calls, every chat answer — never load twitter-text or franc.
 */
function lazyPostSink(db: Db, clock: Clock): PostSink {
  let sink: Promise<PostSink> | undefined;
  return {
    async ingest(posts) {
      sink ??= import('./ingest.ts').then((m) => asyncPort<PostSink>(m.createSqlitePostSink(db, clock)));
      return (await sink).ingest(posts);
    },
  };
}

/** Opens (creating and migrating) the SQLite database at `path` (`:memory:` works too). */
export function openSqliteStores(path: string, clock: Clock): SqliteStores {
  return createSqliteStores(openDatabase(path), clock);
}
