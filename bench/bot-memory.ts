import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Db, SqliteStores } from '../src/store/index.ts';
import type { Corpus } from './corpus.ts';
import { figure, type Figure } from './measure.ts';
import { createRandom } from './random.ts';

const MiB = 1024 * 1024;
/** The bot's memory goals (issue 18): idle, and after a bounded web load. */
export const BOT_RSS_IDLE_GOAL_MIB = 100;
export const BOT_RSS_LOADED_GOAL_MIB = 150;

/** Resident memory of a running process, from /proc (Linux). */
function rssBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the reader answers; false when the process exited first (it is not a service). */
async function upWithin(child: ChildProcess, base: string, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      // A page that reads nothing: /healthz counts every row, which would fill the page cache before "idle".
      if ((await fetch(`${base}/bench-ready-probe`)).status === 404) return true;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return false;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5_000).then(() => void child.kill('SIGKILL'))]);
}

/**
 * The bot's resident memory: `spool start` (no token: web reader only) over the bench's database, idle
 * after start-up and after `requests` sequential page requests drawn like the posts (tag pages recent
 * and best, threads, the front page, a misspelt tag). Floor: Node alone, idle. The process is the compiled
 * `spool start` as shipped (bin/spool.mjs → dist/), stdin at /dev/null, no platform library loaded.
 */
export async function measureBotMemory(
  root: string,
  dir: string,
  dbPath: string,
  corpus: Corpus,
  stores: SqliteStores,
  db: Db,
  options: { readonly requests: number; readonly threads: number },
): Promise<{ figures: Figure[]; notes: string[] }> {
  const nodeAlone = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  await sleep(700);
  const floor = rssBytes(nodeAlone.pid ?? 0);
  await stop(nodeAlone);
  const measured = await measureOne(root, dir, dbPath, corpus, stores, db, options, floor);
  return { figures: measured.figures, notes: [measured.note] };
}

async function measureOne(
  root: string,
  dir: string,
  dbPath: string,
  corpus: Corpus,
  stores: SqliteStores,
  db: Db,
  options: { readonly requests: number; readonly threads: number },
  floor: number,
): Promise<{ figures: Figure[]; note: string }> {
  const config = join(dir, 'bench-config.json');
  writeFileSync(config, '{}\n'); // no sources: nothing polls the internet
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), SPOOL_DB: dbPath, SPOOL_CONFIG: config, LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '' };
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin/spool.mjs'), 'start', '--db', dbPath, '--config', config], {
    env,
    stdio: 'ignore',
    cwd: dir,
  });
  const how = 'the compiled `spool start` (stdin /dev/null, no token, no sources)';
  if (!(await upWithin(child, base, 30_000))) {
    await stop(child);
    throw new Error(`the bot process (${how}) did not answer`);
  }
  try {
    await sleep(1_000);
    const idle = rssBytes(child.pid ?? 0);
    const random = createRandom(31 + options.threads);
    const maxSeq = (db.prepare('SELECT MAX(seq) AS n FROM threads').get() as { n: number }).n;
    const threadId = db.prepare<[number], { id: string }>('SELECT id FROM threads WHERE seq >= ? ORDER BY seq LIMIT 1');
    // The store is asked once per tag before the timed requests: the draw itself stays synchronous.
    const known = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const t = corpus.sampleTag(random);
      if ((await stores.tags.tagCount(t)) > 0) known.add(t);
    }
    const tag = (): string => {
      for (;;) {
        const t = corpus.sampleTag(random);
        if (known.has(t)) return encodeURIComponent(t);
      }
    };
    const pages: (() => string)[] = [
      () => `/tag/${tag()}`,
      () => `/tag/${tag()}?sort=best`,
      () => `/thread/${encodeURIComponent(threadId.get(random.int(1, maxSeq))?.id ?? '')}`,
      () => `/thread/${encodeURIComponent(threadId.get(random.int(1, maxSeq))?.id ?? '')}`,
      () => '/',
      () => `/tag/${tag()}qz`,
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < options.requests; i++) {
      const response = await fetch(base + (pages[i % pages.length] ?? (() => '/'))());
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    const loaded = rssBytes(child.pid ?? 0);
    const peak = rssBytes(child.pid ?? 0, 'VmHWM');
    const floorName = 'Node alone, idle (node -e "setInterval(…)")';
    const note = `${how}; ${options.requests} requests: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}; peak ${(peak / MiB).toFixed(0)} MiB`;
    const suffix = '';
    return {
      note,
      figures: [
        figure({
          group: 'memory',
          name: `bot RSS idle${suffix}`,
          threads: options.threads,
          unit: 'MiB',
          value: idle / MiB,
          floor: floor / MiB,
          floorName,
          goal: `≤ ${BOT_RSS_IDLE_GOAL_MIB} MiB`,
          ok: idle / MiB <= BOT_RSS_IDLE_GOAL_MIB,
          note: how,
        }),
        figure({
          group: 'memory',
          name: `bot RSS after ${options.requests} web requests${suffix}`,
          threads: options.threads,
          unit: 'MiB',
          value: loaded / MiB,
          floor: floor / MiB,
          floorName,
          goal: `≤ ${BOT_RSS_LOADED_GOAL_MIB} MiB`,
          ok: loaded / MiB <= BOT_RSS_LOADED_GOAL_MIB,
          note,
        }),
      ],
    };
  } finally {
    await stop(child);
  }
}
