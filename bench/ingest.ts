import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock, Post } from '../src/core/index.ts';
import { IMPORT_BATCH, IMPORT_TRANSACTION_POSTS } from '../src/app/import-files.ts';
import { jsonlFormat } from '../src/sources/jsonl.ts';
import { createSqliteStores, openDatabase, PRAGMAS, type Db, type SqliteStores } from '../src/store/index.ts';
import type { Corpus } from './corpus.ts';

/** `spool import` hands the store this many posts at a time; the bench does the same. */
export const INGEST_BATCH = IMPORT_BATCH;
/** Threads generated, serialized and then timed at a time: bounds the corpus held in memory. */
const CHUNK_THREADS = 10_000;

export interface IngestTotals {
  posts: number;
  spoolMs: number;
  floorMs: number;
  threads: number;
}

/** A clock that reads the corpus time: `grown_at` and digest windows follow the posts, not the wall. */
export interface CorpusClock extends Clock {
  set(at: Date): void;
}

function corpusClock(start: Date): CorpusClock {
  let current = start;
  return { now: () => current, set: (at) => (current = at) };
}

/**
 * Two databases that grow side by side as the corpus is fed in: Spool's, through the real import
 * path, and the floor's, a bare table with the same pragmas. Each chunk of JSONL lines goes to both,
 * in alternating order, so the floor sees the same machine load as Spool.
 */
export interface IngestRun {
  readonly db: Db;
  readonly stores: SqliteStores;
  readonly floorDb: Db;
  readonly clock: CorpusClock;
  readonly spoolPath: string;
  readonly floorPath: string;
  /** Feeds threads until the corpus has `threads`; returns the figures of this step alone. */
  growTo(threads: number, onProgress?: (done: number) => void): Promise<IngestTotals>;
  close(): void;
}

export function createIngestRun(dir: string, corpus: Corpus): IngestRun {
  const spoolPath = join(dir, 'spool.db');
  const floorPath = join(dir, 'floor.db');
  const clock = corpusClock(corpus.now());
  const db = openDatabase(spoolPath);
  const stores = createSqliteStores(db, clock);
  const floorDb = new Database(floorPath);
  for (const pragma of PRAGMAS) floorDb.pragma(pragma);
  floorDb.exec('CREATE TABLE IF NOT EXISTS bare (id TEXT NOT NULL, body TEXT NOT NULL)');
  const floorInsert = floorDb.prepare<[string, string]>('INSERT INTO bare (id, body) VALUES (?, ?)');
  const floorChunk = floorDb.transaction((lines: readonly string[]) => {
    for (const line of lines) {
      const value = JSON.parse(line) as { id: string };
      floorInsert.run(value.id, line);
    }
  });
  let chunkIndex = 0;

  async function spoolChunk(text: string): Promise<number> {
    const parsed = jsonlFormat.parse(text, { file: 'bench.jsonl', fileDate: clock.now() });
    if (parsed.issues.length > 0) throw new Error(`corpus line rejected: ${JSON.stringify(parsed.issues[0])}`);
    // As `spool import` does: batches of INGEST_BATCH, a commit every IMPORT_TRANSACTION_POSTS.
    const group = stores.importGroup?.() ?? { begin: async () => undefined, commit: async () => undefined, rollback: async () => undefined };
    let inGroup = 0;
    for (let i = 0; i < parsed.posts.length; i += INGEST_BATCH) {
      const batch: Post[] = parsed.posts.slice(i, i + INGEST_BATCH);
      let latest = clock.now().getTime();
      for (const post of batch) latest = Math.max(latest, Date.parse(post.createdAt));
      clock.set(new Date(latest));
      if (inGroup === 0) await group.begin();
      await stores.posts.ingest(batch);
      inGroup += batch.length;
      if (inGroup >= IMPORT_TRANSACTION_POSTS) {
        await group.commit();
        inGroup = 0;
      }
    }
    if (inGroup > 0) await group.commit();
    return parsed.posts.length;
  }

  return {
    db,
    stores,
    floorDb,
    clock,
    spoolPath,
    floorPath,
    async growTo(target, onProgress) {
      const totals: IngestTotals = { posts: 0, spoolMs: 0, floorMs: 0, threads: 0 };
      while (corpus.threads < target) {
        const lines = corpus.nextThreads(Math.min(CHUNK_THREADS, target - corpus.threads)).map((p) => JSON.stringify(p));
        const text = lines.join('\n');
        const runFloor = (): void => {
          const start = performance.now();
          floorChunk(lines);
          totals.floorMs += performance.now() - start;
        };
        const runSpool = async (): Promise<void> => {
          const start = performance.now();
          totals.posts += await spoolChunk(text);
          totals.spoolMs += performance.now() - start;
        };
        if (chunkIndex++ % 2 === 0) {
          runFloor();
          await runSpool();
        } else {
          await runSpool();
          runFloor();
        }
        onProgress?.(corpus.threads);
      }
      totals.threads = corpus.threads;
      return totals;
    },
    close() {
      db.close();
      floorDb.close();
    },
  };
}

/** Database bytes after a full checkpoint (the WAL folded in), so that two runs compare. */
export function databaseBytes(db: Db, path: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  let bytes = statSync(path).size;
  try {
    bytes += statSync(`${path}-wal`).size;
  } catch {
    // no WAL file: nothing to add
  }
  return bytes;
}
