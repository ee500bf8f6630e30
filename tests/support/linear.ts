/**
 * Whether a function's cost grows linearly with its input: the check, "a 1 MB input within
 * 20× a 50 KB one". Never an absolute time (the machines are shared and slow): the large input's
 * best time is compared with the small input's median, each run starting from a collected heap. The
 * small input's best run is one where all of it sat in the CPU caches, which a 1 MB input never does
 * (per byte, the parsers cost 35 ns at 50 KB and a steady 90 ns from 200 KB to 4 MB): the median is
 * the fairer yardstick. A quadratic step makes the ratio ~400×.
 */
export interface GrowthMeasure {
  readonly smallMs: number;
  readonly largeMs: number;
  /** largeMs / smallMs: 20 is exactly linear for a 20× larger input. */
  readonly ratio: number;
}

/** Present when node runs with --expose-gc (vitest.config.ts passes it). */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

function timings(run: () => void, trials: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < trials; i++) {
    collectGarbage?.();
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

export function measureGrowth(run: (input: string) => unknown, make: (bytes: number) => string, sizes = { small: 50_000, large: 1_000_000 }): GrowthMeasure {
  const small = make(sizes.small);
  const large = make(sizes.large);
  for (let i = 0; i < 5; i++) run(small); // warm-up: the JIT, so the small runs are not charged for compiling
  const smallMs = timings(() => run(small), 7)[3] ?? 0;
  const largeMs = timings(() => run(large), 3)[0] ?? 0;
  // Below a millisecond the timer and the scheduler are most of what is measured.
  return { smallMs, largeMs, ratio: largeMs / Math.max(smallMs, 1) };
}

/**
 * The bound the tests assert: 20× is exactly linear for a 20× larger input. Linear code measures
 * 10–50× here, more on a machine busy with other work, because a 1 MB input and its garbage no
 * longer fit the caches a 50 KB one runs in. The bound leaves room for that and is still far below
 * what a quadratic step costs: 400× for a purely quadratic one; the stalls of issue 12 measured
 * over 1,000×.
 */
export const LINEAR_RATIO_BOUND = 100;
