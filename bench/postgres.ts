import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { CORE_COMMANDS, composeDigest, createCommandRouter, type ChatContext, type Clock } from '../src/core/index.ts';
import { renderReply } from '../src/platforms/console/render.ts';
import { copyStore } from '../src/store/copy.ts';
import type { SqliteStores } from '../src/store/index.ts';
import { openPostgresStores, type PostgresStores } from '../src/store/postgres/index.ts';
import { AUTOCOMPLETE_LIMIT, PAGE_SIZE } from './answer.ts';
import type { Corpus } from './corpus.ts';
import { figure, summarize, timeEachAsync, type Figure, type Latency } from './measure.ts';
import { createRandom } from './random.ts';

const console_: ChatContext = {
  platform: 'console',
  chatId: 'bench',
  deliverable: false,
  isAdmin: () => Promise.resolve(false),
  botCanPost: () => Promise.resolve(true),
};
const SEARCH_QUERIES = 200;
const DAY_MS = 86_400_000;

/**
 * The answer and digest figures again on PostgreSQL, when SPOOL_DATABASE_URL names a server: the
 * SQLite database just measured is copied (`spool store copy`'s code) into a database of its own on that
 * server, created for the run and dropped after, and the same queries (same seeds) are timed there. Each
 * figure's floor is its SQLite figure of the same run, so the ratio column reads "× SQLite".
 */
export async function createPostgresBench(serverUrl: string, clock: Clock) {
  const name = `spool_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const stores: PostgresStores = await openPostgresStores(url.toString(), clock);

  async function measure(
    corpus: Corpus,
    sqlite: SqliteStores,
    sqliteFigures: readonly Figure[],
    options: { queries: number; subscriptions: number; threads: number },
  ): Promise<Figure[]> {
    const copyStart = performance.now();
    await copyStore(sqlite, stores);
    const copySeconds = (performance.now() - copyStart) / 1000;
    const n = options.threads;
    const against = (figureName: string): number | null => sqliteFigures.find((f) => f.name === figureName && f.threads === n)?.value ?? null;
    const figures: Figure[] = [];
    const latency = (group: Figure['group'], base: string, lat: Latency) => {
      for (const [key, label] of [
        ['p50', 'p50'],
        ['p99', 'p99'],
      ] as const) {
        figures.push(
          figure({
            group,
            name: `${base} ${label} (PostgreSQL)`,
            threads: n,
            unit: 'ms',
            value: lat[key],
            floor: against(`${base} ${label}`),
            floorName: 'the same figure on SQLite, same run, same queries',
          }),
        );
      }
    };

    // The queries of bench/answer.ts, drawn with the same seed from the same data.
    const random = createRandom(7 + n);
    const warm = Math.min(300, options.queries);
    const count = options.queries + warm;
    const tags: string[] = [];
    while (tags.length < count) {
      const tag = corpus.sampleTag(random);
      if ((await stores.tags.tagCount(tag)) > 0) tags.push(tag);
    }
    const words = Array.from({ length: count }, () =>
      random.chance(0.5) ? corpus.sampleWord(random) : `${corpus.sampleWord(random)} ${corpus.sampleWord(random)}`,
    );
    const prefixes = tags.map((tag) => [...tag].slice(0, random.int(1, 3)).join(''));
    const all = tags.map((_, i) => i);
    const warmIdx = all.slice(0, warm);
    const indexes = all.slice(warm);
    const fewer = indexes.slice(0, SEARCH_QUERIES);
    const fewerWarm = warmIdx.slice(0, SEARCH_QUERIES / 4);
    const router = createCommandRouter(
      { threads: stores.threads, authors: stores.authors, keys: stores.keys, tags: stores.tags, clock, pageSize: PAGE_SIZE },
      CORE_COMMANDS,
    );
    const now = clock.now();
    const e2e = (line: string) => router.handleText(line, console_).then((reply) => (reply ? renderReply(reply, now) : ''));
    const cases: [string, (i: number) => Promise<unknown>][] = [
      ['/threads recent core', (i) => stores.threads.threadsByTag({ tag: tags[i] ?? '', sort: 'recent', limit: PAGE_SIZE })],
      ['/threads best core', (i) => stores.threads.threadsByTag({ tag: tags[i] ?? '', sort: 'best', limit: PAGE_SIZE })],
      ['/related core', (i) => stores.tags.relatedTags(tags[i] ?? '', 10)],
      ['/search core', (i) => stores.threads.search({ words: words[i] ?? '', limit: PAGE_SIZE })],
      ['autocomplete core', (i) => stores.tags.tagsByPrefix(prefixes[i] ?? '', AUTOCOMPLETE_LIMIT)],
      ['/threads recent e2e', (i) => e2e(`/threads ${tags[i] ?? ''}`)],
      ['/threads best e2e', (i) => e2e(`/threads ${tags[i] ?? ''} best`)],
      ['/related e2e', (i) => e2e(`/related ${tags[i] ?? ''}`)],
      ['/search e2e', (i) => e2e(`/search ${words[i] ?? ''}`)],
    ];
    for (const [base, run] of cases) {
      const search = base.startsWith('/search');
      latency('answer', base, await timeEachAsync(search ? fewer : indexes, run, search ? fewerWarm : warmIdx));
    }

    // The digests of bench/digest.ts: the same tags (same seed), the same window.
    const digestRandom = createRandom(99 + n);
    const digestTags: string[] = [];
    while (digestTags.length < options.subscriptions) {
      const tag = corpus.sampleTag(digestRandom);
      if ((await stores.tags.tagCount(tag)) > 0) digestTags.push(tag);
    }
    const until = clock.now();
    const since = new Date(until.getTime() - DAY_MS);
    const samples: number[] = [];
    const start = performance.now();
    for (const tag of digestTags) {
      const t0 = performance.now();
      composeDigest({ tag, threads: await stores.threads.changedThreads({ tag, since, until, limit: 10 }), since, until });
      samples.push(performance.now() - t0);
    }
    const totalMs = performance.now() - start;
    const per = summarize(samples);
    const composed = `compose ${options.subscriptions} digests`;
    figures.push(
      figure({
        group: 'digest',
        name: `${composed} (PostgreSQL)`,
        threads: n,
        unit: 'ms',
        value: totalMs,
        floor: against(composed),
        floorName: 'the same figure on SQLite, same run',
        note: `p50 ${per.p50.toFixed(3)} ms, p99 ${per.p99.toFixed(3)} ms each; the copy from SQLite took ${copySeconds.toFixed(1)} s`,
      }),
      figure({
        group: 'digest',
        name: 'digests per second (PostgreSQL)',
        threads: n,
        unit: '/s',
        value: (options.subscriptions / totalMs) * 1000,
        floor: against('digests per second'),
        floorName: 'the same figure on SQLite, same run',
      }),
    );
    return figures;
  }

  return {
    measure,
    async close() {
      await stores.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
