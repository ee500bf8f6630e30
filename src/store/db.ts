import { existsSync, mkdirSync } from 'node:fs';
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
 * - temp_store=MEMORY: sorts and temporary B-trees stay off the disk.
 * - a 16 MiB page cache (per connection): enough for the upper levels of every index, which are what
 *   each query reads again; the operating system caches the file itself, so a larger cache only saves
 *   a copy per page. Measured at 100k threads (docs/benchmarks.md): `spool import` took the same CPU
 *   and wrote the same bytes with 16, 64 or 256 MiB, and the bot's resident memory is the budget
 *   that the cache is paid from (64 MiB was half of it).
 */
export const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'temp_store = MEMORY',
  'cache_size = -16384',
] as const;

/** The database file could not be opened or created (a bad --db / SPOOL_DB path, no permission, not SQLite). */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  constructor(
    readonly path: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot open the database ${path}: ${reason}`, options);
  }
}

/** Creates the missing folders one level at a time (Node's recursive mkdir can spin on some special file systems). */
function ensureFolder(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) ensureFolder(parent);
  mkdirSync(folder);
}

/** Opens (creating the folder and file when needed) and migrates the database at `path`; `:memory:` works too. */
export function openDatabase(path: string): Db {
  let db: Db;
  try {
    if (path !== ':memory:') ensureFolder(dirname(path));
    db = new Database(path);
    for (const pragma of PRAGMAS) db.pragma(pragma);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new DatabaseOpenError(path, code ?? (cause as Error).message, { cause });
  }
  migrate(db);
  return db;
}
