import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, percentile, type Figure } from './measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/spool.mjs');
const sample = join(root, 'src/app/sample/threads.jsonl');
const START_UP_GOAL = 3;

function wallMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SPOOL_CONFIG: '', LOG_LEVEL: 'silent' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return ms;
}

/**
 * Start-up of the compiled `spool` (bin/spool.mjs → dist/) against `node -e 0`, in paired runs: each
 * round runs the floor and both commands back to back, so a busy moment of the machine hits all three.
 * The figure is the median wall time; the goal (issue 11) is ≤ 3× the floor.
 */
export function measureStartup(options: { readonly runs: number }): Figure[] {
  const dir = mkdtempSync(join(tmpdir(), 'spool-startup-'));
  const db = join(dir, 'spool.db');
  try {
    wallMs([bin, 'import', sample, '--format', 'jsonl', '--db', db]);
    const floor: number[] = [];
    const help: number[] = [];
    const threads: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      floor.push(wallMs(['-e', '0']));
      help.push(wallMs([bin, '--help']));
      threads.push(wallMs([bin, 'threads', 'xinjiang', '--db', db]));
    }
    const median = (values: number[]): number =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    const floorName = 'node -e 0 (the same Node, nothing loaded), median of paired runs';
    const entry = (name: string, values: number[], note: string): Figure => {
      const value = median(values);
      return figure({
        group: 'start-up',
        name,
        unit: 'ms',
        value,
        floor: median(floor),
        floorName,
        goal: `≤ ${START_UP_GOAL}× floor`,
        ok: value / median(floor) <= START_UP_GOAL,
        note,
      });
    };
    return [
      entry('start-up: spool --help', help, `${options.runs} runs; commander only, every command loads its modules when it runs`),
      entry('start-up: spool threads <tag>', threads, `${options.runs} runs; config, SQLite, the store and one answer`),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
