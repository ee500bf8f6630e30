import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The other engineers' fan-out scripts: fake Telegram and Discord with their real limits switched on. */
export const FANOUT_SCRIPTS = ['telegram-publisher.ts', 'discord-latency.ts', 'web-latency.ts'] as const;

export interface FanoutResult {
  readonly script: string;
  readonly status: 'ran' | 'failed' | 'absent';
  /** What the script printed (its own figures, in its own words). */
  readonly output: string;
  /** The script's last stdout line, when it is JSON. */
  readonly json?: unknown;
  readonly ms?: number;
}

/**
 * Runs each script that exists as a child process (its own event loop and memory), with its own
 * defaults, and keeps what it printed.
 */
export function runFanoutScripts(benchDir: string): FanoutResult[] {
  return FANOUT_SCRIPTS.map((script) => {
    const file = join(benchDir, script);
    if (!existsSync(file)) return { script, status: 'absent', output: 'measured separately (script not present)' };
    const start = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], {
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const ms = performance.now() - start;
    const output = `${child.stdout ?? ''}${child.status === 0 ? '' : (child.stderr ?? '')}`.trim();
    const last = (child.stdout ?? '').trim().split('\n').pop() ?? '';
    let json: unknown;
    try {
      json = last.startsWith('{') || last.startsWith('[') ? JSON.parse(last) : undefined;
    } catch {
      json = undefined;
    }
    return { script, status: child.status === 0 ? 'ran' : 'failed', output, ms, ...(json === undefined ? {} : { json }) };
  });
}
