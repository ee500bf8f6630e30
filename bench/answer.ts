import { CORE_COMMANDS, createCommandRouter, type ChatContext, type Clock, type Reply } from '../src/core/index.ts';
import { renderReply } from '../src/platforms/console/render.ts';
import type { Db, SqliteStores } from '../src/store/index.ts';
import type { Corpus } from './corpus.ts';
import { createRandom } from './random.ts';
import { figure, timeEach, timeEachAsync, type Figure, type Latency } from './measure.ts';

/** `/threads` answers ten threads here, as the brief asks (the chat default is five). */
export const PAGE_SIZE = 10;
export const AUTOCOMPLETE_LIMIT = 25;
export const THREADS_P99_GOAL_MS = 3;
/** Issue 18: `/threads` end to end within 1 ms of CPU at p99; "did you mean" within 3 ms; a rare tag's search within 2 ms at p50. */
export const THREADS_E2E_CPU_GOAL_MS = 1;
export const DID_YOU_MEAN_CPU_GOAL_MS = 3;
export const RARE_TAG_SEARCH_P50_GOAL_MS = 2;
const SEARCH_QUERIES = 200;
/** A rare tag, for the tag-scoped search: on at most this many threads. */
const RARE_TAG_THREADS = 20;

const console_: ChatContext = {
  platform: 'console',
  chatId: 'bench',
  deliverable: false,
  isAdmin: () => Promise.resolve(false),
  botCanPost: () => Promise.resolve(true),
};

interface Queries {
  readonly tags: string[];
  readonly rareTags: string[];
  readonly words: string[];
  readonly prefixes: string[];
  readonly seqs: number[];
  readonly unknown: string[];
}

/**
 * What people ask, drawn like the posts: popular tags most often, so the largest tags (a sixth of
 * all threads) are in every sample. Tags the database does not hold yet are drawn again: the
 * unknown-tag path ("did you mean") is measured on its own.
 */
async function buildQueries(corpus: Corpus, stores: SqliteStores, db: Db, count: number, seed: number): Promise<Queries> {
  const random = createRandom(seed);
  const tags: string[] = [];
  while (tags.length < count) {
    const tag = corpus.sampleTag(random);
    if ((await stores.tags.tagCount(tag)) > 0) tags.push(tag);
  }
  const words = Array.from({ length: count }, () =>
    random.chance(0.5) ? corpus.sampleWord(random) : `${corpus.sampleWord(random)} ${corpus.sampleWord(random)}`,
  );
  const prefixes = tags.map((tag) => [...tag].slice(0, random.int(1, 3)).join(''));
  const maxSeq = (db.prepare('SELECT MAX(seq) AS n FROM threads').get() as { n: number }).n;
  const seqs = Array.from({ length: count }, () => random.int(1, maxSeq));
  // Misspelt tags: a known tag with its last letter doubled and "qz" added; not stored, so the router suggests the closest.
  const unknown = tags.slice(0, Math.min(300, count)).map((t) => `${t}${[...t].pop() ?? 'x'}qz`);
  const rare = (db.prepare('SELECT name FROM tags WHERE thread_count BETWEEN 1 AND ? ORDER BY id LIMIT 5000').all(RARE_TAG_THREADS) as { name: string }[]).map(
    (r) => r.name,
  );
  const rareTags = Array.from({ length: count }, () => random.pick(rare.length > 0 ? rare : tags));
  return { tags, rareTags, words, prefixes, seqs, unknown };
}

const PERCENTILES = [
  ['p50', 'p50'],
  ['p99', 'p99'],
  ['cpuP99', 'p99 cpu'],
] as const;

/**
 * p50 and p99 of wall time, and p99 of CPU time: the goal is judged on the wall-clock p99 as a
 * user feels it; the CPU p99 shows how much of a miss is the code and how much the busy machine.
 */
export function latencyFigures(
  group: Figure['group'],
  name: string,
  threads: number,
  lat: Latency,
  floor: Latency,
  floorName: string,
  goals: Goals = {},
): Figure[] {
  return PERCENTILES.map(([key, label]) => {
    const goalMs = goals[key];
    return figure({
      group,
      name: `${name} ${label}`,
      threads,
      unit: 'ms',
      value: lat[key],
      floor: floor[key],
      floorName,
      ...(goalMs !== undefined ? { goal: `≤ ${goalMs} ms`, ok: lat[key] <= goalMs } : {}),
    });
  });
}

/** Goals per percentile, in milliseconds. */
type Goals = Partial<Record<(typeof PERCENTILES)[number][0], number>>;
const THREADS_CORE: Goals = { p99: THREADS_P99_GOAL_MS, cpuP99: THREADS_P99_GOAL_MS };
const THREADS_E2E: Goals = { p99: THREADS_P99_GOAL_MS, cpuP99: THREADS_E2E_CPU_GOAL_MS };

const FLOOR_NAME = 'SELECT head, rest FROM threads WHERE seq = ? (one whole thread row; same DB, timed just before)';

/**
 * Answer latency at the current size: each store call alone ("core"), then the same request typed
 * into the console chat ("e2e": parse, router, store, summaries, console text). The floor is a
 * primary-key read of one thread from the same file, timed in the same loop conditions.
 */
export async function measureAnswers(
  corpus: Corpus,
  stores: SqliteStores,
  db: Db,
  clock: Clock,
  options: { readonly queries: number; readonly threads: number },
): Promise<Figure[]> {
  // The first `warm` queries of each kind run untimed; the rest are measured.
  const warm = Math.min(300, options.queries);
  const q = await buildQueries(corpus, stores, db, options.queries + warm, 7 + options.threads);
  const floorRead = db.prepare<[number], { head: string; rest: string }>('SELECT head, rest FROM threads WHERE seq = ?');
  const floor = (): Latency => timeEach(q.seqs.slice(warm), (seq) => floorRead.get(seq), q.seqs.slice(0, warm));
  const now = clock.now();
  const router = createCommandRouter(
    { threads: stores.threads, tags: stores.tags, authors: stores.authors, keys: stores.keys, clock, pageSize: PAGE_SIZE },
    CORE_COMMANDS,
  );
  const e2e = (line: string): Promise<string> => router.handleText(line, console_).then((reply: Reply | undefined) => (reply ? renderReply(reply, now) : ''));
  const n = options.threads;
  const figures: Figure[] = [];
  // Each figure gets its own floor, timed right before it: the load of the moment is in both.
  // The store's ports are asynchronous: each call is timed to its resolved answer (the promise hop included).
  const core: [string, (i: number) => Promise<unknown>, Goals?][] = [
    ['/threads recent core', (i) => stores.threads.threadsByTag({ tag: q.tags[i] ?? '', sort: 'recent', limit: PAGE_SIZE }), THREADS_CORE],
    ['/threads best core', (i) => stores.threads.threadsByTag({ tag: q.tags[i] ?? '', sort: 'best', limit: PAGE_SIZE }), THREADS_CORE],
    ['/related core', (i) => stores.tags.relatedTags(q.tags[i] ?? '', 10)],
    ['/search core', (i) => stores.threads.search({ words: q.words[i] ?? '', limit: PAGE_SIZE })],
    // `spool search <words> --tag <rare tag>`: words drawn like the posts (every one common), tags on ≤ 20 threads.
    [
      'search --tag <rare tag> core',
      (i) => stores.threads.search({ words: q.words[i] ?? '', tag: q.rareTags[i] ?? '', limit: PAGE_SIZE }),
      { p50: RARE_TAG_SEARCH_P50_GOAL_MS },
    ],
    ['autocomplete core', (i) => stores.tags.tagsByPrefix(q.prefixes[i] ?? '', AUTOCOMPLETE_LIMIT)],
    ['did you mean core', (i) => stores.tags.closestTags(q.unknown[i % q.unknown.length] ?? '', 5), { cpuP99: DID_YOU_MEAN_CPU_GOAL_MS }],
  ];
  const all = q.tags.map((_, i) => i);
  const warmIdx = all.slice(0, warm);
  const indexes = all.slice(warm);
  // Full-text search costs grow with the matches: fewer of them keep the full run within its hour.
  const fewer = indexes.slice(0, SEARCH_QUERIES);
  const fewerWarm = warmIdx.slice(0, SEARCH_QUERIES / 4);
  for (const [name, run, goal] of core) {
    const f = floor();
    if (name.startsWith('/search')) {
      figures.push(...latencyFigures('answer', name, n, await timeEachAsync(fewer, run, fewerWarm), f, FLOOR_NAME, goal));
      continue;
    }
    figures.push(...latencyFigures('answer', name, n, await timeEachAsync(indexes, run, warmIdx), f, FLOOR_NAME, goal));
  }
  const endToEnd: [string, (i: number) => string, Goals?][] = [
    ['/threads recent e2e', (i) => `/threads ${q.tags[i] ?? ''}`, THREADS_E2E],
    ['/threads best e2e', (i) => `/threads ${q.tags[i] ?? ''} best`, THREADS_E2E],
    ['/related e2e', (i) => `/related ${q.tags[i] ?? ''}`],
    ['/search e2e', (i) => `/search ${q.words[i] ?? ''}`],
  ];
  for (const [name, line, goal] of endToEnd) {
    const f = floor();
    if (name.startsWith('/search')) {
      figures.push(...latencyFigures('answer', name, n, await timeEachAsync(fewer, (i) => e2e(line(i)), fewerWarm), f, FLOOR_NAME, goal));
      continue;
    }
    figures.push(...latencyFigures('answer', name, n, await timeEachAsync(indexes, (i) => e2e(line(i)), warmIdx), f, FLOOR_NAME, goal));
  }
  const f = floor();
  const unknownIdx = q.unknown.map((_, i) => i);
  const unknownWarm = unknownIdx.map((i) => (i + 7) % unknownIdx.length).slice(0, 30);
  figures.push(
    ...latencyFigures(
      'answer',
      '/threads unknown tag e2e',
      n,
      await timeEachAsync(unknownIdx, (i) => e2e(`/threads ${q.unknown[i] ?? ''}`), unknownWarm),
      f,
      FLOOR_NAME,
      {
        cpuP99: DID_YOU_MEAN_CPU_GOAL_MS,
      },
    ),
  );
  return figures;
}
