import type { Stores } from '../core/index.ts';
import { sqliteContentIo, sqliteTableIo } from './copy-sqlite.ts';
import { COPIED_TABLES, type ContentIo, type TableIo } from './copy-tables.ts';
import type { SqliteStores } from './index.ts';
import { postgresContentIo, postgresTableIo } from './postgres/copy-io.ts';
import type { PostgresStores } from './postgres/index.ts';

export { CopyConflictError } from './copy-tables.ts';

/** Rows copied: posts, threads and hashtags, then each copied table. */
export type CopyReport = { posts: number; threads: number; tags: number } & Record<(typeof COPIED_TABLES)[number]['name'], number>;

function enginesIo(stores: Stores): { tables: TableIo; content: ContentIo } {
  if ('db' in stores) {
    const { db } = stores as SqliteStores;
    return { tables: sqliteTableIo(db), content: sqliteContentIo(db) };
  }
  if ('sql' in stores) {
    const { sql } = stores as PostgresStores;
    return { tables: postgresTableIo(sql), content: postgresContentIo(sql) };
  }
  throw new Error('spool store copy: this store engine cannot be copied');
}

/**
 * Copies a whole store from one engine to another (or the same). Posts go through the destination's own
 * ingest, which rebuilds threads, tags, links and the search index in its layout, and thread ids are
 * their root posts' ids on every engine; the times Spool first saw and last grew each thread are then
 * set as the source had them, so digests and "recent" read the same. Subscriptions, the delivery ledger
 * and source cursors are copied row for row, keeping every id, so that ledger rows still name their
 * subscriptions and a digest's idempotency key stays the same. Copying again changes nothing, or brings
 * what changed at the source since. Meant for a move with the services stopped (docs/deployment.md).
 */
export async function copyStore(from: Stores, to: Stores): Promise<CopyReport> {
  const source = enginesIo(from);
  const destination = enginesIo(to);
  const report: Record<string, number> = { posts: 0, threads: 0 };
  for await (const posts of source.content.posts()) {
    await to.posts.ingest(posts);
    report['posts']! += posts.length;
  }
  for await (const times of source.content.threadTimes()) {
    await destination.content.restoreTimes(times);
    report['threads']! += times.length;
  }
  report['tags'] = await source.content.tagCount();
  for (const table of COPIED_TABLES) {
    let n = 0;
    for await (const rows of source.tables.read(table)) {
      await destination.tables.write(table, rows);
      n += rows.length;
    }
    report[table.name] = n;
  }
  await destination.tables.finish();
  return report as CopyReport;
}
