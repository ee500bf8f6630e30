import type { SourceConfig } from '../../src/app/config.ts';
import type { Log } from '../../src/core/index.ts';
import { createPoller, type SourceCredentials } from '../../src/sources/poller.ts';
import { createSqliteStores, openDatabase, type Db } from '../../src/store/index.ts';

export const NOW = new Date('2026-11-23T20:00:00.000Z');

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg?: string | undefined;
}

export function recordingLog(): Log & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * Real SQLite in memory, a poller over the given sources, and waits that are recorded instead of
 * slept: `sleeps` shows what a rate limit or a backoff would have cost.
 */
export function createHarness(sources: SourceConfig[], options: { credentials?: SourceCredentials; followed?: string[] } = {}) {
  const db: Db = openDatabase(':memory:');
  const clock = { now: () => NOW };
  const stores = createSqliteStores(db, clock);
  const sleeps: number[] = [];
  const log = recordingLog();
  const followed = options.followed ?? [];
  const poller = createPoller({
    sources,
    credentials: options.credentials ?? {},
    cursors: stores.cursors,
    sink: stores.posts,
    log,
    followedHashtags: async () => followed,
    clock,
    http: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, timeoutMs: 5_000, baseDelayMs: 100, retries: 3 },
  });
  return {
    db,
    stores,
    sleeps,
    log,
    followed,
    poller,
    threads: async (tag: string) => (await stores.threads.threadsByTag({ tag, sort: 'recent', limit: 50 })).threads,
    close: (): void => void db.close(),
  };
}
