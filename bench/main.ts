import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureAnswers } from './answer.ts';
import { createCorpus, DEFAULT_CORPUS, toXSearchPages } from './corpus.ts';
import { measureDigests } from './digest.ts';
import { measureBotMemory } from './bot-memory.ts';
import { runFanoutScripts, type FanoutResult } from './fanout.ts';
import { measureImport } from './import.ts';
import { createIngestRun, databaseBytes, INGEST_BATCH } from './ingest.ts';
import { figure, peakRssBytes, type Figure } from './measure.ts';
import { growthOf, renderTable, type BenchReport } from './report.ts';
import { createPostgresBench } from './postgres.ts';
import { measureStartup } from './startup.ts';

const USAGE = `npm run bench -- [--quick] [--json] [--scales 10000,100000,1000000] [--queries N]
                      [--subscriptions N] [--dir PATH] [--keep] [--no-fanout] [--corpus-out DIR] [--from FILE] [--fanout-only]

  --quick          10k threads, 300 queries, 2 000 subscriptions: under a minute (CI)
  --json           one JSON document on stdout (progress goes to stderr)
  --scales         database sizes, in threads, at which answers and digests are measured
  --corpus-out DIR write the first 1 000 threads as Spool JSONL and X API v2 pages, then exit
  --from FILE      print a saved --json report as the table
  --fanout-only    run only the fan-out scripts (bench/telegram-publisher.ts, discord-latency.ts, web-latency.ts)
  --requests N     web requests of the bot-memory figure (default 2 000 quick, 12 000 full)`;

const INGEST_GOAL = 0.5;
/** Issue 18: a database at most twice the bare table's size per post. */
const BYTES_PER_POST_GOAL = 2;
/** `spool import` is measured at this size at most (a 200 MB file): larger files take minutes and show the same. */
const IMPORT_MAX_THREADS = 100_000;
/** `--quick` imports 40k threads (~150k posts, 80 MB), and 20k for the half-size file: both above one batch. */
const QUICK_IMPORT_THREADS = 40_000;
const MiB = 1024 * 1024;

function fail(message: string): never {
  process.stderr.write(`spool-bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseOptions(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        scales: { type: 'string' },
        queries: { type: 'string' },
        subscriptions: { type: 'string' },
        dir: { type: 'string' },
        keep: { type: 'boolean', default: false },
        'no-fanout': { type: 'boolean', default: false },
        'corpus-out': { type: 'string' },
        from: { type: 'string' },
        'fanout-only': { type: 'boolean', default: false },
        requests: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const v = parsed.values;
  const positive = (text: string | undefined, fallback: number, name: string): number => {
    if (text === undefined) return fallback;
    const n = Number(text.replace(/_/gu, ''));
    if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive integer, got "${text}"`);
    return n;
  };
  const scales = (v.scales ?? (v.quick ? '10000' : '10000,100000,1000000'))
    .split(',')
    .map((s) => positive(s.trim(), 0, 'scales'))
    .sort((a, b) => a - b);
  return {
    help: v.help ?? false,
    quick: v.quick ?? false,
    json: v.json ?? false,
    scales,
    queries: positive(v.queries, v.quick ? 300 : 2_000, 'queries'),
    subscriptions: positive(v.subscriptions, v.quick ? 2_000 : 10_000, 'subscriptions'),
    requests: positive(v.requests, v.quick ? 2_000 : 12_000, 'requests'),
    dir: v.dir,
    keep: v.keep ?? false,
    fanout: !(v['no-fanout'] ?? false) && !(v.quick ?? false),
    corpusOut: v['corpus-out'],
    from: v.from,
    fanoutOnly: v['fanout-only'] ?? false,
  };
}

function writeCorpusSample(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const posts = createCorpus().nextThreads(1_000);
  writeFileSync(join(dir, 'posts.jsonl'), `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
  writeFileSync(join(dir, 'x-search-pages.json'), `${JSON.stringify(toXSearchPages(posts), null, 1)}\n`);
  process.stderr.write(`wrote ${posts.length} posts to ${dir}/posts.jsonl and ${dir}/x-search-pages.json\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.from) {
    // A saved `--json` report, printed as the table again (docs/benchmarks.md is made this way).
    process.stdout.write(`${renderTable(JSON.parse(readFileSync(options.from, 'utf8')) as BenchReport)}\n`);
    return 0;
  }
  if (options.fanoutOnly) {
    const results = runFanoutScripts(dirname(fileURLToPath(import.meta.url)));
    process.stdout.write(
      options.json ? `${JSON.stringify(results, null, 2)}\n` : `${results.map((r) => `${r.script}: ${r.status}\n${r.output}`).join('\n\n')}\n`,
    );
    return 0;
  }
  if (options.corpusOut) {
    writeCorpusSample(options.corpusOut);
    return 0;
  }
  const log = (line: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const startedAt = new Date();
  const t0 = performance.now();
  // The floor of memory: this process with Node, tsx, SQLite and the code loaded, before any work.
  const baselineRss = process.memoryUsage().rss;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'spool-bench-'));
  mkdirSync(dir, { recursive: true });
  const corpus = createCorpus();
  const run = createIngestRun(dir, corpus);
  const figures: Figure[] = [];
  const all = { posts: 0, spoolMs: 0, floorMs: 0 };
  // SPOOL_DATABASE_URL: the answers and digests again on PostgreSQL, as ratios to SQLite (bench/postgres.ts).
  const databaseUrl = process.env['SPOOL_DATABASE_URL'] || undefined;
  const onPostgres = databaseUrl ? await createPostgresBench(databaseUrl, run.clock) : undefined;
  try {
    for (const scale of options.scales) {
      log(`ingesting up to ${scale} threads …`);
      let lastLog = performance.now();
      const step = await run.growTo(scale, (done) => {
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          log(`  ${done} threads`);
        }
      });
      all.posts += step.posts;
      all.spoolMs += step.spoolMs;
      all.floorMs += step.floorMs;
      const rate = (step.posts / step.spoolMs) * 1000;
      const floorRate = (step.posts / step.floorMs) * 1000;
      figures.push(
        figure({
          group: 'ingest',
          name: 'ingest posts/s',
          threads: scale,
          unit: 'posts/s',
          value: rate,
          floor: floorRate,
          floorName: 'JSON.parse + one prepared INSERT per post into a bare table, one transaction per chunk, same pragmas',
          goal: `≥ ${INGEST_GOAL}× floor`,
          ok: rate / floorRate >= INGEST_GOAL,
          note: `${step.posts} posts in this step (JSONL parse + zod → unroll → store → FTS, batches of ${INGEST_BATCH})`,
        }),
      );
      const stats = await run.stores.stats();
      log(`  ${stats.posts} posts, ${stats.threads} threads, ${stats.tags} tags; ${rate.toFixed(0)} posts/s vs floor ${floorRate.toFixed(0)}`);
      const spoolBytes = databaseBytes(run.db, run.spoolPath);
      const floorBytes = databaseBytes(run.floorDb, run.floorPath);
      const floorRows = (run.floorDb.prepare('SELECT COUNT(*) AS n FROM bare').get() as { n: number }).n;
      const perPost = spoolBytes / Math.max(1, stats.posts);
      const floorPerPost = floorBytes / Math.max(1, floorRows);
      figures.push(
        figure({
          group: 'memory',
          name: 'database bytes per post',
          threads: scale,
          unit: 'B',
          value: perPost,
          floor: floorPerPost,
          floorName: 'bare table holding each JSONL line once',
          goal: `≤ ${BYTES_PER_POST_GOAL}× floor`,
          ok: perPost / floorPerPost <= BYTES_PER_POST_GOAL,
          note: `${(spoolBytes / MiB).toFixed(1)} MiB for ${stats.posts} posts`,
        }),
      );
      log('  answers …');
      figures.push(...(await measureAnswers(corpus, run.stores, run.db, run.clock, { queries: options.queries, threads: scale })));
      log('  digests …');
      figures.push(...(await measureDigests(corpus, run.stores, run.db, run.clock, { subscriptions: options.subscriptions, threads: scale })));
      if (onPostgres) {
        log('  answers and digests on PostgreSQL …');
        figures.push(
          ...(await onPostgres.measure(corpus, run.stores, figures, { queries: options.queries, subscriptions: options.subscriptions, threads: scale })),
        );
      }
    }
    const largest = options.scales[options.scales.length - 1] ?? 0;
    log(`bot memory (${options.requests} web requests at ${largest} threads) …`);
    const bot = await measureBotMemory(root, dir, run.spoolPath, corpus, run.stores, run.db, { requests: options.requests, threads: largest });
    figures.push(...bot.figures);
    // Both import files hold more posts than one import batch, so that a peak that grows with the file shows.
    const importThreads = options.quick ? QUICK_IMPORT_THREADS : Math.min(largest, IMPORT_MAX_THREADS);
    log(`spool import of ${importThreads} threads (child processes) …`);
    figures.push(...measureImport(root, dir, importThreads, log));
    const peak = peakRssBytes();
    figures.push(
      figure({
        group: 'memory',
        name: 'peak RSS',
        unit: 'MiB',
        value: peak / MiB,
        floor: baselineRss / MiB,
        floorName: 'RSS of this process before any work (Node, tsx, SQLite loaded)',
        note: 'includes the corpus chunk being generated and the 64 MiB SQLite page cache of each connection',
      }),
    );
  } finally {
    await onPostgres?.close();
    run.close();
    if (!options.keep && options.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
  let fanout: FanoutResult[] = [];
  if (options.fanout) {
    log('fan-out scripts …');
    fanout = runFanoutScripts(dirname(fileURLToPath(import.meta.url)));
  } else {
    fanout = [{ script: 'telegram-publisher.ts, discord-latency.ts', status: 'absent', output: 'measured separately (not run by --quick)' }];
  }
  log('start-up of the compiled CLI …');
  figures.push(...measureStartup({ runs: options.quick ? 15 : 40 }));
  const misses = figures
    .filter((f) => f.ok === false)
    .map((f) => `${f.name} at ${f.threads ?? '?'} threads: ${f.value.toFixed(f.unit === 'ms' ? 2 : 0)} ${f.unit} (${f.goal})`);
  const report: BenchReport = {
    spool: 'bench/1',
    mode: options.quick ? 'quick' : 'full',
    startedAt: startedAt.toISOString(),
    seconds: (performance.now() - t0) / 1000,
    machine: { node: process.version, cpus: cpus().length, loadAverage: loadavg() },
    corpus: {
      seed: DEFAULT_CORPUS.seed,
      threads: corpus.threads,
      posts: all.posts,
      hashtagVocabulary: corpus.tagNames.length,
      ingestPostsPerSecond: Math.round((all.posts / all.spoolMs) * 1000),
      floorPostsPerSecond: Math.round((all.posts / all.floorMs) * 1000),
    },
    figures,
    growth: growthOf(figures),
    misses,
    fanout,
  };
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderTable(report)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
