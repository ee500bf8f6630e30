/**
 * Server time of the web reader's pages at 100k stored threads: `npx tsx bench/web-latency.ts`.
 *
 * Fills a temporary SQLite database through the real post sink (deterministic posts, batches of
 * whole threads, the clock advancing with the corpus so "most active" sees a realistic window),
 * then requests each page a few thousand times over keep-alive HTTP on 127.0.0.1 and reports
 * p50/p99 of the server's own time (request in → response written, measured inside the handler)
 * beside the client's round trip. Options: THREADS=100000 REQUESTS=1000 (per page), DB=path to keep
 * the filled database (a second run with the same DB skips the filling), and `--json` to end with one
 * JSON line of every figure (what `npm run bench` collects).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, Log, Post } from '../src/core/index.ts';
import { createSqliteStores, openDatabase } from '../src/store/index.ts';
import { createWebHandler } from '../src/web/index.ts';

const THREADS = Number(process.env.THREADS ?? 100_000);
const REQUESTS = Number(process.env.REQUESTS ?? 1_000);
const JSON_OUTPUT = process.argv.includes('--json');
const figures: { pages: Record<string, unknown>[]; store: Record<string, unknown>[]; corpus?: Record<string, unknown> } = { pages: [], store: [] };
const round = (v: number): number => Math.round(v * 1000) / 1000;
const BATCH_THREADS = 1_000;
const START = Date.parse('2026-10-01T00:00:00Z');
const SPAN_MS = 45 * 86_400_000; // the corpus covers 45 days
const HOT = 'xinjiang';
const RARE = 'rarebird';

/** mulberry32: the same seed gives the same corpus on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rnd = random(20_261_123);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;

const WORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'cotton',
    'report',
    'camp',
    'border',
    'workers',
    'satellite',
    'images',
    'policy',
    'families',
    'archive',
    'witness',
    'data',
    'supply',
    'chain',
    'the',
    'of',
    'and',
    'new',
  ],
  fr: ['les', 'rapport', 'frontière', 'travailleurs', 'témoignage', 'images', 'politique', 'familles', 'données', 'chaîne', 'et', 'des'],
  de: ['die', 'grenze', 'arbeiter', 'quellen', 'bilder', 'politik', 'familien', 'daten', 'lieferkette', 'und', 'der'],
  zh: ['新疆', '棉花', '报告', '边境', '工人', '卫星', '图像', '政策', '家庭', '档案', '数据'],
  it: ['rapporto', 'confine', 'lavoratori', 'immagini', 'politica', 'famiglie', 'dati', 'catena', 'e', 'il'],
  ja: ['新疆', '綿花', '報告', '国境', '労働者', '衛星', '画像', '政策', '家族', 'データ'],
};
const LANGS: readonly string[] = ['en', 'en', 'en', 'en', 'fr', 'de', 'zh', 'it', 'ja', 'en'];
// 5 000 tags, Zipf-like: tag k is drawn with weight 1/(k+1); the hot tag rides on 30 % of threads on top.
const TAGS = Array.from({ length: 5_000 }, (_, k) => (k === 0 ? 'china' : `tag${k.toString(36)}${pick(['', 'news', 'watch', 'report'])}`));
const CUMULATIVE = TAGS.map((_, k) => 1 / (k + 1)).map(
  (
    (sum) => (w: number) =>
      (sum += w)
  )(0),
);
function zipfTag(): string {
  const total = CUMULATIVE[CUMULATIVE.length - 1] ?? 1;
  const target = rnd() * total;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((CUMULATIVE[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return TAGS[lo] ?? 'china';
}

function text(lang: string, tags: readonly string[]): string {
  const words = WORDS[lang] ?? WORDS.en ?? [];
  const spaced = lang !== 'zh' && lang !== 'ja';
  const n = 12 + Math.floor(rnd() * 30);
  const body = Array.from({ length: n }, () => pick(words)).join(spaced ? ' ' : '');
  return `${body}${tags.length ? ` ${tags.map((t) => `#${t}`).join(' ')}` : ''}`;
}

/** The posts of thread `i`: 1–8 posts by one of 20 000 authors, 1–4 tags. */
function threadPosts(i: number): Post[] {
  const created = START + Math.floor((i / THREADS) * SPAN_MS);
  const lang = pick(LANGS);
  const handle = `author${Math.floor(rnd() * 20_000)}`;
  const author = { id: `bench-${handle}`, handle, name: `Author ${handle.slice(6)}`, bot: false };
  const tags = new Set<string>();
  if (rnd() < 0.3) tags.add(HOT);
  if (i % 5_000 === 17) tags.add(RARE);
  const extra = 1 + Math.floor(rnd() * 3);
  while (tags.size < extra) tags.add(zipfTag());
  const length = rnd() < 0.4 ? 1 : 2 + Math.floor(rnd() * 7);
  const root = `x:bench-${i}`;
  return Array.from({ length }, (_, p): Post => {
    const id = p === 0 ? root : `${root}-${p + 1}`;
    return {
      id,
      source: 'x',
      author,
      text: text(lang, p === 0 ? [...tags] : []),
      createdAt: new Date(created + p * 60_000).toISOString(),
      url: `https://x.com/${handle}/status/${i}${p}`,
      lang,
      ...(p > 0 ? { replyToId: p === 1 ? root : `${root}-${p}`, replyToAuthorId: author.id } : {}),
      isRepost: false,
      hashtags: p === 0 ? [...tags] : [],
      extraHashtags: [],
      media: rnd() < 0.2 ? 1 + Math.floor(rnd() * 3) : 0,
      metrics: { likes: Math.floor(rnd() * 500), reposts: Math.floor(rnd() * 100), replies: Math.floor(rnd() * 50) },
    };
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const dir = mkdtempSync(join(tmpdir(), 'spool-web-bench-'));
try {
  const dbPath = process.env.DB ?? join(dir, 'bench.db');
  const filled = existsSync(dbPath);
  const db = openDatabase(dbPath);
  let now = filled ? START + SPAN_MS : START;
  const clock: Clock = { now: () => new Date(now) };
  const stores = createSqliteStores(db, clock);
  const t0 = performance.now();
  for (let first = 0; !filled && first < THREADS; first += BATCH_THREADS) {
    const posts: Post[] = [];
    for (let i = first; i < Math.min(THREADS, first + BATCH_THREADS); i++) posts.push(...threadPosts(i));
    now = START + Math.floor(((first + BATCH_THREADS) / THREADS) * SPAN_MS);
    await stores.posts.ingest(posts);
    if ((first / BATCH_THREADS) % 10 === 9) process.stderr.write(`  ingested ${first + BATCH_THREADS} threads\n`);
  }
  const stats = await stores.stats();
  console.log(
    `corpus: ${stats.threads} threads, ${stats.posts} posts, ${stats.tags} tags; ${filled ? `reused ${dbPath}` : `ingest ${((performance.now() - t0) / 1000).toFixed(1)} s`}`,
  );
  console.log(`#${HOT}: ${stores.tags.tagCount(HOT)} threads, #${RARE}: ${stores.tags.tagCount(RARE)} threads`);
  figures.corpus = { ...stats, ingestSeconds: filled ? null : round((performance.now() - t0) / 1000) };

  const silent: Log = { debug() {}, info() {}, warn() {}, error: (o) => console.error(o) };
  const handle = createWebHandler({ threads: stores.threads, tags: stores.tags, clock, log: silent, stats: () => stores.stats() });
  // Wall time inside the handler, and the process's CPU time over the same span: on a busy machine
  // the wall time includes waiting for a core, the CPU time does not.
  let serverMs: number[] = [];
  let cpuMs: number[] = [];
  const server = createServer((req, res) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    handle(req, res);
    const used = process.cpuUsage(cpu);
    serverMs.push(performance.now() - start);
    cpuMs.push((used.user + used.system) / 1000);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const threadIds = Array.from({ length: 500 }, () => encodeURIComponent(`x:bench-${Math.floor(rnd() * THREADS)}`));
  const hotPage2 = /href="([^"]+)" rel="next"/u.exec(await (await fetch(`${base}/tag/${HOT}`)).text())?.[1]?.replaceAll('&amp;', '&') ?? `/tag/${HOT}`;
  const cases: readonly [string, (i: number) => string][] = [
    [`/tag/${HOT} (hot, ${stores.tags.tagCount(HOT)} threads)`, () => `/tag/${HOT}`],
    [`/tag/${HOT}?sort=best`, () => `/tag/${HOT}?sort=best`],
    [`/tag/${HOT}?lang=fr`, () => `/tag/${HOT}?lang=fr`],
    [`/tag/${HOT} page 2 (cursor)`, () => hotPage2],
    [`/tag/${RARE} (rare, ${stores.tags.tagCount(RARE)} threads)`, () => `/tag/${RARE}`],
    ['/thread/<id> (500 ids)', (i) => `/thread/${threadIds[i % threadIds.length]}`],
    ['/ (most active, 7 days)', () => '/'],
    [`/tag/${HOT}/feed.xml`, () => `/tag/${HOT}/feed.xml`],
    ['/tag/xinjang (unknown → 404 + closest)', () => '/tag/xinjang'],
    ['/healthz', () => '/healthz'],
  ];
  console.log(`\n${REQUESTS} requests a page, sequential, keep-alive; server time = inside the handler\n`);
  console.log('page'.padEnd(44), 'status', 'server p50', 'server p99', '   cpu p50', '   cpu p99', 'round trip p50', 'p99', 'KiB');
  for (const [name, path] of cases) {
    for (let i = 0; i < 20; i++) await (await fetch(base + path(i))).arrayBuffer(); // warm-up
    serverMs = [];
    cpuMs = [];
    const roundTrip: number[] = [];
    let status = 0;
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const start = performance.now();
      const res = await fetch(base + path(i));
      bytes = (await res.arrayBuffer()).byteLength;
      roundTrip.push(performance.now() - start);
      status = res.status;
    }
    const s = [...serverMs].sort((a, b) => a - b);
    const c = [...cpuMs].sort((a, b) => a - b);
    const r = roundTrip.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
    figures.pages.push({
      page: name,
      status,
      serverP50: round(percentile(s, 50)),
      serverP99: round(percentile(s, 99)),
      cpuP50: round(percentile(c, 50)),
      cpuP99: round(percentile(c, 99)),
      roundTripP50: round(percentile(r, 50)),
      roundTripP99: round(percentile(r, 99)),
      bytes,
    });
    console.log(
      name.padEnd(44),
      String(status).padStart(6),
      ms(percentile(s, 50)),
      ms(percentile(s, 99)),
      ms(percentile(c, 50)),
      ms(percentile(c, 99)),
      ms(percentile(r, 50)).padStart(14),
      ms(percentile(r, 99)),
      (bytes / 1024).toFixed(1).padStart(5),
    );
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));

  // The store's share: each port call a page makes, timed alone, to tell a slow query from slow rendering.
  console.log(`\nstore calls alone (${REQUESTS} each)\n`);
  const since = new Date(clock.now().getTime() - 7 * 86_400_000);
  const calls: readonly [string, () => unknown][] = [
    [`threadsByTag ${HOT} recent 20`, () => stores.threads.threadsByTag({ tag: HOT, sort: 'recent', limit: 20 })],
    [`threadsByTag ${HOT} best 20`, () => stores.threads.threadsByTag({ tag: HOT, sort: 'best', limit: 20 })],
    [`threadsByTag ${HOT} lang=fr 20`, () => stores.threads.threadsByTag({ tag: HOT, sort: 'recent', limit: 20, lang: 'fr' })],
    [`threadsByTag ${RARE} recent 20`, () => stores.threads.threadsByTag({ tag: RARE, sort: 'recent', limit: 20 })],
    [`relatedTags ${HOT} 12`, () => stores.tags.relatedTags(HOT, 12)],
    ['getThread', () => stores.threads.getThread(decodeURIComponent(threadIds[0] ?? ''))],
    ['activeTags 7 days 40', () => stores.tags.activeTags(since, 40)],
    ['closestTags xinjang 6', () => stores.tags.closestTags('xinjang', 6)],
    ['stats (healthz, uncached)', () => stores.stats()],
  ];
  for (const [name, call] of calls) {
    const n = name.startsWith('stats') ? 5 : name.startsWith('closest') || name.startsWith('active') ? Math.min(REQUESTS, 100) : REQUESTS;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      call();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    figures.store.push({ call: name, p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) });
    console.log(name.padEnd(44), `${percentile(times, 50).toFixed(2)} ms`.padStart(10), `${percentile(times, 99).toFixed(2)} ms`.padStart(10));
  }
  db.close();
  if (JSON_OUTPUT) console.log(JSON.stringify({ script: 'web-latency', unit: 'ms', requestsPerPage: REQUESTS, ...figures }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
