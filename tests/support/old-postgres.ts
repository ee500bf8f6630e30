import { PG_MIGRATIONS, type Sql } from '../../src/store/postgres/index.ts';
import type { TableRows } from './old-databases.ts';

/** Tables in an order their foreign keys accept, and the identity each one keeps (restored like pg_dump does). */
const TABLES = ['tags', 'threads', 'thread_words', 'thread_tags', 'tag_pairs', 'posts', 'source_cursors', 'subscriptions', 'delivery_ledger', 'service_leases'];
const IDENTITIES: Record<string, string> = { tags: 'id', threads: 'seq', subscriptions: 'id', delivery_ledger: 'id' };

/**
 * A PostgreSQL database as a Spool at `version` left it: the first `version` migrations applied and
 * recorded as `migratePostgres` does (its bookkeeping table as it was then), the rows inserted with
 * plain SQL, each identity's counter past the rows (as that Spool's inserts left it).
 */
export async function writePostgresAt(sql: Sql, version: number, rows: TableRows): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`CREATE TABLE spool_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
    for (const [i, migration] of PG_MIGRATIONS.slice(0, version).entries()) {
      await tx.unsafe(migration.sql);
      await tx`INSERT INTO spool_migrations (version, name) VALUES (${i + 1}, ${migration.name})`;
    }
    for (const table of TABLES) {
      for (const row of rows[table] ?? []) await tx`INSERT INTO ${tx(table)} ${tx(row as Record<string, string | number | null>)}`;
      const column = IDENTITIES[table];
      if (column)
        await tx`SELECT setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${tx(column)}), 1), max(${tx(column)}) IS NOT NULL) FROM ${tx(table)}`;
    }
  });
}

/** store-pg-v2.json's rows as a Spool at version 1 held them: the subscription's creator came with 002. */
export function pgV2RowsAt(rows: TableRows, version: 1 | 2): TableRows {
  if (version === 2) return rows;
  return { ...rows, subscriptions: (rows['subscriptions'] ?? []).map(({ created_by: _creator, ...row }) => row) };
}
