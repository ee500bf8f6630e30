/**
 * The web reader under hostile load (issue 12, item 7): `npx tsx bench/web-load.ts`.
 *
 * 1. Idle sockets: IDLE (200) connections to the reader that never send a byte; how many are still
 *    open after each few seconds, and when the last one was closed.
 * 2. Many clients: CLIENTS (2,000) concurrent keep-alive clients (one socket each, node:http Agent)
 *    each asking ROUNDS (5) pages in turn (tag, thread, home, feed); latency p50/p99/max of the
 *    answered requests, statuses, and connection errors (resets, refusals).
 *
 * The reader runs in a child process (`--serve DB`) on a temporary SQLite database of THREADS
 * (3,000) sample-like threads, so that the clients and the server do not share an event loop.
 * Only 127.0.0.1 is ever contacted; every loop is bounded in count and time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import type { Post } from '../src/core/index.ts';
import { createSqliteStores, openDatabase } from '../src/store/index.ts';
import { createWebServer } from '../src/web/index.ts';

const THREADS = Number(process.env['THREADS'] ?? 3_000);
const IDLE = Number(process.env['IDLE'] ?? 200);
const IDLE_WATCH_S = Number(process.env['IDLE_WATCH_S'] ?? 40);
const CLIENTS = Number(process.env['CLIENTS'] ?? 2_000);
const ROUNDS = Number(process.env['ROUNDS'] ?? 5);
const NOW = Date.parse('2026-11-23T12:00:00Z');
const log = { debug() {}, info() {}, warn() {}, error() {} };

async function fill(dbPath: string): Promise<void> {
  const db = openDatabase(dbPath);
  const stores = createSqliteStores(db, { now: () => new Date(NOW) });
  const posts: Post[] = [];
  for (let i = 0; i < THREADS; i++) {
    const root = `x:load-${i}`;
    const author = { id: `a${i % 500}`, handle: `author${i % 500}`, name: `Author ${i % 500}`, bot: false };
    for (let p = 0; p < 1 + (i % 5); p++) {
      posts.push({
        id: p === 0 ? root : `${root}-${p}`,
        source: 'x',
        author,
        text: `Thread ${i} part ${p + 1}: cotton harvest report from the border, with satellite images. #xinjiang #tag${i % 40}`,
        createdAt: new Date(NOW - (THREADS - i) * 60_000 + p * 1000).toISOString(),
        url: `https://x.com/${author.handle}/status/${i}${p}`,
        lang: 'en',
        ...(p > 0 ? { replyToId: p === 1 ? root : `${root}-${p - 1}`, replyToAuthorId: author.id } : {}),
        isRepost: false,
        extraHashtags: [],
        media: 0,
        metrics: { likes: i % 97, reposts: i % 13, replies: i % 7 },
      });
    }
  }
  for (let i = 0; i < posts.length; i += 5_000) await stores.posts.ingest(posts.slice(i, i + 5_000));
  db.close();
}

/** Child: the reader on a free port of 127.0.0.1; tells the parent the port. */
async function serve(dbPath: string): Promise<void> {
  const db = openDatabase(dbPath);
  const clock = { now: () => new Date(NOW) };
  const stores = createSqliteStores(db, clock);
  const web = createWebServer({ threads: stores.threads, tags: stores.tags, clock, log, stats: () => stores.stats() });
  const { port } = await web.listen(0, '127.0.0.1');
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.send?.({ port });
  process.on('message', () => {
    // The reader's own view: how long its event loop was held up (every queued request waits that long).
    process.stdout.write(
      `reader event-loop delay: p50 ${Math.round(delay.percentile(50) / 1e6)} ms, p99 ${Math.round(delay.percentile(99) / 1e6)} ms, max ${Math.round(delay.max / 1e6)} ms\n`,
    );
    void web.close().finally(() => process.exit(0));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function idleSockets(port: number): Promise<{ closedWithinS: number | null; openAtEnd: number; timeline: string[] }> {
  const start = performance.now();
  let closed = 0;
  let lastClose = 0;
  const sockets = Array.from({ length: IDLE }, () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed++;
      lastClose = performance.now() - start;
    });
    return socket;
  });
  const timeline: string[] = [];
  for (let s = 5; s <= IDLE_WATCH_S && closed < IDLE; s += 5) {
    await sleep(5_000);
    timeline.push(`${s} s: ${IDLE - closed} open`);
  }
  const openAtEnd = IDLE - closed;
  for (const socket of sockets) socket.destroy();
  return { closedWithinS: openAtEnd === 0 ? Math.round(lastClose / 100) / 10 : null, openAtEnd, timeline };
}

function get(agent: Agent, port: number, path: string): Promise<{ status: number; ms: number } | { error: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent, timeout: 120_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start }));
      res.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message, ms: performance.now() - start }));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message, ms: performance.now() - start }));
    req.end();
  });
}

async function manyClients(port: number) {
  const pages = ['/tag/xinjiang', `/thread/${encodeURIComponent(`x:load-${THREADS - 3}`)}`, '/', '/tag/xinjiang/feed.xml', '/tag/tag7?sort=best'];
  const latencies: number[] = [];
  const byStatus = new Map<number, number[]>();
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let r = 0; r < ROUNDS; r++) {
        const answer = await get(agent, port, pages[(c + r) % pages.length] ?? '/');
        if ('error' in answer) errors.set(answer.error, (errors.get(answer.error) ?? 0) + 1);
        else {
          latencies.push(answer.ms);
          byStatus.set(answer.status, [...(byStatus.get(answer.status) ?? []), answer.ms]);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        }
      }
      agent.destroy();
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  return {
    clients: CLIENTS,
    requests: CLIENTS * ROUNDS,
    seconds: Math.round((performance.now() - start) / 100) / 10,
    answered: sorted.length,
    p50Ms: Math.round(percentile(sorted, 50)),
    p99Ms: Math.round(percentile(sorted, 99)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
    statuses: Object.fromEntries(statuses),
    p99ByStatus: Object.fromEntries(
      [...byStatus].map(([status, ms]) => [
        status,
        Math.round(
          percentile(
            ms.sort((a, b) => a - b),
            99,
          ),
        ),
      ]),
    ),
    errors: Object.fromEntries(errors),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spool-web-load-'));
  let child: ChildProcess | undefined;
  try {
    const dbPath = join(dir, 'load.db');
    await fill(dbPath);
    child = fork(new URL(import.meta.url).pathname, ['--serve', dbPath], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const port = await new Promise<number>((resolve, reject) => {
      child?.once('message', (m) => resolve((m as { port: number }).port));
      child?.once('exit', (code) => reject(new Error(`the reader exited (${code})`)));
    });
    console.log(`reader on 127.0.0.1:${port}, ${THREADS} threads`);
    const idle = await idleSockets(port);
    console.log(
      `idle sockets: ${IDLE} opened, never a byte sent; ${idle.timeline.join(', ')}; ${idle.openAtEnd === 0 ? `all closed, the last after ${idle.closedWithinS} s` : `${idle.openAtEnd} still open after ${IDLE_WATCH_S} s`}`,
    );
    const load = await manyClients(port);
    console.log(
      `${load.clients} concurrent clients × ${ROUNDS} requests in ${load.seconds} s: answered ${load.answered}, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, max ${load.maxMs} ms; statuses ${JSON.stringify(load.statuses)} (p99 by status ${JSON.stringify(load.p99ByStatus)}); connection errors ${JSON.stringify(load.errors)}`,
    );
    if (process.argv.includes('--json')) console.log(JSON.stringify({ idle, load }));
  } finally {
    child?.send('stop');
    await sleep(200);
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3] ?? '');
else if (process.argv[2] === '--fill') await fill(process.argv[3] ?? 'load.db');
else await main();
