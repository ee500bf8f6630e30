import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type Db = Database.Database;

/**
 * Every connection gets these, in this order.
 * - journal_mode=WAL: readers (the web reader, chat commands) never wait for the poller's writes.
 * - synchronous=NORMAL: with WAL, a power cut can lose the last transactions but never corrupts the file;
 *   the delivery ledger tolerates that (a digest may be re-sent, see docs/adr/0004-delivery-ledger.md).
 * - foreign_keys=ON: SQLite leaves them off by default; thread links rely on ON DELETE CASCADE.
 * - busy_timeout=5000: `spool send-digests` from cron and `spool start` may share the file; wait, don't fail.
 * - temp_store=MEMORY and a 64 MiB page cache: sorts and the FTS merge stay off the disk.
 */
export const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'temp_store = MEMORY',
  'cache_size = -65536',
] as const;

/** Opens (creating the folder and file when needed) and migrates the database at `path`; `:memory:` works too. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  for (const pragma of PRAGMAS) db.pragma(pragma);
  migrate(db);
  return db;
}
