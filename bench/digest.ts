import { composeDigest, type Clock, type Digest } from '../src/core/index.ts';
import type { Db, SqliteStores } from '../src/store/index.ts';
import type { Corpus } from './corpus.ts';
import { createRandom } from './random.ts';
import { figure, summarize, type Figure } from './measure.ts';

const DAY_MS = 24 * 3_600_000;
/** What one digest shows (src/core/router.ts DIGEST_LIMIT). */
const DIGEST_LIMIT = 10;
/** Issue 18: digests composed per second, at least. */
export const DIGESTS_PER_SECOND_GOAL = 5_000;

/**
 * Composing the digests of `subscriptions` subscriptions due at the same minute: for each, the
 * threads new or grown in the last 24 h of its tag (`changedThreads`) and the platform-neutral
 * digest (`composeDigest`). Tags are drawn like the posts, so popular tags have many subscribers.
 * The floor reads, by primary key, as many thread rows as the digests returned.
 */
export async function measureDigests(
  corpus: Corpus,
  stores: SqliteStores,
  db: Db,
  clock: Clock,
  options: { readonly subscriptions: number; readonly threads: number },
): Promise<Figure[]> {
  const random = createRandom(99 + options.threads);
  const tags: string[] = [];
  while (tags.length < options.subscriptions) {
    const tag = corpus.sampleTag(random);
    if ((await stores.tags.tagCount(tag)) > 0) tags.push(tag);
  }
  const until = clock.now();
  const since = new Date(until.getTime() - DAY_MS);
  const samples: number[] = [];
  let rows = 0;
  let items = 0;
  const digests: Digest[] = [];
  const start = performance.now();
  for (const tag of tags) {
    const t0 = performance.now();
    const threads = await stores.threads.changedThreads({ tag, since, until, limit: DIGEST_LIMIT });
    const digest = composeDigest({ tag, threads, since, until });
    samples.push(performance.now() - t0);
    rows += threads.length;
    items += digest.items.length;
    if (digests.length < 3) digests.push(digest);
  }
  const totalMs = performance.now() - start;

  const maxSeq = (db.prepare('SELECT MAX(seq) AS n FROM threads').get() as { n: number }).n;
  const read = db.prepare<[number], { head: string; rest: string }>('SELECT head, rest FROM threads WHERE seq = ?');
  const seqs = Array.from({ length: Math.max(rows, options.subscriptions) }, () => random.int(1, maxSeq));
  const floorStart = performance.now();
  for (const seq of seqs) read.get(seq);
  const floorMs = performance.now() - floorStart;
  const per = summarize(samples);
  const n = options.threads;
  const floorName = `${seqs.length} SELECT head, rest FROM threads WHERE seq = ? (the rows the digests read)`;
  return [
    figure({
      group: 'digest',
      name: `compose ${options.subscriptions} digests`,
      threads: n,
      unit: 'ms',
      value: totalMs,
      floor: floorMs,
      floorName,
      note: `${(items / options.subscriptions).toFixed(1)} threads per digest; p50 ${per.p50.toFixed(3)} ms, p99 ${per.p99.toFixed(3)} ms each`,
    }),
    figure({
      group: 'digest',
      name: 'digests per second',
      threads: n,
      unit: '/s',
      value: (options.subscriptions / totalMs) * 1000,
      floor: (options.subscriptions / floorMs) * 1000,
      floorName,
      goal: `≥ ${DIGESTS_PER_SECOND_GOAL} /s`,
      ok: (options.subscriptions / totalMs) * 1000 >= DIGESTS_PER_SECOND_GOAL,
    }),
  ];
}
