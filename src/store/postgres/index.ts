import type { Clock, Stores, StoreStats } from '../../core/index.ts';
import { createPostgresChatSettings } from './chat-settings.ts';
import { createPostgresAuthorStore } from './author-queries.ts';
import { connectPostgres, type Sql } from './connect.ts';
import { createPostgresPostSink } from './ingest.ts';
import { createPostgresLeaseStore, createPostgresCursorStore } from './leases.ts';
import { createPostgresLedger } from './ledger.ts';
import { migratePostgres } from './migrations.ts';
import { createPostgresKeyStore } from './short-keys.ts';
import { createPostgresSubscriptions } from './subscriptions.ts';
import { createPostgresTagStore } from './tag-queries.ts';
import { createPostgresThreadStore } from './thread-queries.ts';

export { connectPostgres, isPostgresUrl, showDatabaseUrl, type Sql } from './connect.ts';
export { migratePostgres, PG_MIGRATIONS } from './migrations.ts';

/** The PostgreSQL stores and, for tests, the copy command and benchmarks that look underneath, their pool. */
export interface PostgresStores extends Stores {
  readonly sql: Sql;
}

/** Every repository over one connection pool, as the core's asynchronous ports. */
export function createPostgresStores(sql: Sql, clock: Clock): PostgresStores {
  return {
    sql,
    threads: createPostgresThreadStore(sql),
    authors: createPostgresAuthorStore(sql),
    keys: createPostgresKeyStore(sql, clock),
    tags: createPostgresTagStore(sql),
    posts: createPostgresPostSink(sql, clock),
    cursors: createPostgresCursorStore(sql, clock),
    subscriptions: createPostgresSubscriptions(sql, clock),
    ledger: createPostgresLedger(sql, clock),
    leases: createPostgresLeaseStore(sql),
    chatSettings: createPostgresChatSettings(sql),
    isEmpty: async () => (await sql`SELECT 1 FROM posts LIMIT 1`).length === 0,
    stats: async () => {
      const [row] = await sql<StoreStats[]>`
        SELECT (SELECT COUNT(*) FROM posts) AS posts, (SELECT COUNT(*) FROM threads) AS threads,
               (SELECT COUNT(*) FROM tags WHERE thread_count > 0) AS tags`;
      return row ?? { posts: 0, threads: 0, tags: 0 };
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Connects to `url`, applies the missing migrations (once, whatever the number of replicas starting), and opens the stores. */
export async function openPostgresStores(url: string, clock: Clock, options: { readonly max?: number } = {}): Promise<PostgresStores> {
  const sql = await connectPostgres(url, options);
  try {
    await migratePostgres(sql);
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw error;
  }
  return createPostgresStores(sql, clock);
}
