import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_TRANSACTION_POSTS } from '../src/app/import-files.ts';
import { PRAGMAS } from '../src/store/index.ts';
import { createCorpus } from './corpus.ts';
import { figure, type Figure } from './measure.ts';

const MiB = 1024 * 1024;
/** Goals of issue 18 for `spool import`, as multiples of the floor (and memory that does not grow with the file). */
export const IMPORT_CPU_GOAL = 2;
export const IMPORT_WRITES_GOAL = 3;
export const IMPORT_MEMORY_GROWTH_GOAL = 1.15;

interface Usage {
  readonly cpuMs: number;
  readonly maxRssBytes: number;
  readonly writeBytes: number;
  readonly wallMs: number;
}

/** The bench corpus's first `threads` threads as a Spool JSONL file; returns its size in bytes. */
export function writeCorpusFile(path: string, threads: number): number {
  const corpus = createCorpus();
  const fd = openSync(path, 'w');
  try {
    while (corpus.threads < threads) {
      const posts = corpus.nextThreads(Math.min(10_000, threads - corpus.threads));
      writeSync(fd, `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return statSync(path).size;
}

/** Runs `args` in a child Node with bench/child-usage.mjs preloaded; returns what the child used. */
function runMeasured(root: string, dir: string, args: readonly string[]): Usage {
  const usageFile = join(dir, `usage-${process.hrtime.bigint()}.json`);
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', join(root, 'bench/child-usage.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, SPOOL_USAGE_FILE: usageFile, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    maxBuffer: 64 * MiB,
  });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed (${child.status}): ${child.stderr.slice(0, 2_000)}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as Omit<Usage, 'wallMs'>;
  rmSync(usageFile, { force: true });
  return { ...usage, wallMs };
}

function importWithSpool(root: string, dir: string, file: string, name: string): Usage {
  const db = join(dir, `${name}.db`);
  try {
    return runMeasured(root, dir, [join(root, 'bin/spool.mjs'), 'import', file, '--json', '--db', db]);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  }
}

function importWithFloor(root: string, dir: string, file: string): Usage {
  const db = join(dir, 'import-floor.db');
  try {
    return runMeasured(root, dir, [join(root, 'bench/import-floor.mjs'), file, db, String(IMPORT_TRANSACTION_POSTS), JSON.stringify(PRAGMAS)]);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  }
}

/**
 * `spool import` of the corpus as a JSONL file, in a child process (the compiled `spool`, a fresh
 * database): CPU time, bytes written to storage, peak memory. Floor: bench/import-floor.mjs, the same
 * file parsed line by line into a bare table (plain Node). Memory is also measured on a file
 * half the size: streaming keeps the peak the same.
 */
export function measureImport(root: string, dir: string, threads: number, log: (line: string) => void): Figure[] {
  const file = join(dir, 'import.jsonl');
  const half = join(dir, 'import-half.jsonl');
  try {
    const bytes = writeCorpusFile(file, threads);
    const halfBytes = writeCorpusFile(half, Math.floor(threads / 2));
    log(`  import: ${(bytes / MiB).toFixed(0)} MiB file …`);
    const floor = importWithFloor(root, dir, file);
    const spool = importWithSpool(root, dir, file, 'import');
    const small = importWithSpool(root, dir, half, 'import-half');
    const n = threads;
    const floorName = 'bench/import-floor.mjs: JSON.parse each line + INSERT into a bare table, a commit as often, same pragmas';
    const growth = spool.maxRssBytes / small.maxRssBytes;
    return [
      figure({
        group: 'ingest',
        name: 'spool import CPU',
        threads: n,
        unit: 's',
        value: spool.cpuMs / 1000,
        floor: floor.cpuMs / 1000,
        floorName,
        goal: `≤ ${IMPORT_CPU_GOAL}× floor`,
        ok: spool.cpuMs / floor.cpuMs <= IMPORT_CPU_GOAL,
        note: `${(bytes / MiB).toFixed(0)} MiB JSONL; wall ${(spool.wallMs / 1000).toFixed(1)} s vs ${(floor.wallMs / 1000).toFixed(1)} s; includes start-up`,
      }),
      figure({
        group: 'ingest',
        name: 'import bytes written',
        threads: n,
        unit: 'MiB',
        value: spool.writeBytes / MiB,
        floor: floor.writeBytes / MiB,
        floorName,
        goal: `≤ ${IMPORT_WRITES_GOAL}× floor`,
        ok: spool.writeBytes / floor.writeBytes <= IMPORT_WRITES_GOAL,
        note: 'bytes sent to storage (/proc/self/io write_bytes): WAL, checkpoints, database',
      }),
      figure({
        group: 'memory',
        name: 'import peak memory',
        threads: n,
        unit: 'MiB',
        value: spool.maxRssBytes / MiB,
        floor: floor.maxRssBytes / MiB,
        floorName,
        goal: `≤ ${IMPORT_MEMORY_GROWTH_GOAL}× the peak for half the file`,
        ok: growth <= IMPORT_MEMORY_GROWTH_GOAL,
        note: `half the file (${(halfBytes / MiB).toFixed(0)} MiB): ${(small.maxRssBytes / MiB).toFixed(0)} MiB peak (×${growth.toFixed(2)} for twice the file)`,
      }),
    ];
  } finally {
    rmSync(file, { force: true });
    rmSync(half, { force: true });
  }
}
