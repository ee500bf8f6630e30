import type { Stores } from '../core/index.ts';
import { sqliteTableIo } from './copy-sqlite.ts';
import { COPIED_TABLES, type TableIo } from './copy-tables.ts';
import type { SqliteStores } from './index.ts';
import { postgresTableIo } from './postgres/copy-io.ts';
import type { PostgresStores } from './postgres/index.ts';

export { CopyConflictError } from './copy-tables.ts';

/** Rows copied per table. */
export type CopyReport = Record<(typeof COPIED_TABLES)[number]['name'], number>;

function tableIo(stores: Stores): TableIo {
  if ('db' in stores) return sqliteTableIo((stores as SqliteStores).db);
  if ('sql' in stores) return postgresTableIo((stores as PostgresStores).sql);
  throw new Error('spool store copy: this store engine cannot be copied');
}

/**
 * Copies a whole store — threads, posts, tags, subscriptions, the delivery ledger, source cursors — from
 * one engine to another (or the same), keeping every id, so that ledger rows still name their
 * subscriptions and a digest's idempotency key stays the same. Rows are matched on their keys and
 * upserted: copying again changes nothing, or brings what changed at the source since. The search index
 * is rebuilt at the destination. Meant for a move with the services stopped (docs/deployment.md).
 */
export async function copyStore(from: Stores, to: Stores): Promise<CopyReport> {
  const source = tableIo(from);
  const destination = tableIo(to);
  const report = {} as Record<string, number>;
  for (const table of COPIED_TABLES) {
    let n = 0;
    for await (const rows of source.read(table)) {
      await destination.write(table, rows);
      if (table.name === 'threads') await destination.index(rows);
      n += rows.length;
    }
    report[table.name] = n;
  }
  await destination.finish();
  return report as CopyReport;
}
