import type fc from 'fast-check';

/**
 * The fuzz suite's budget. In CI (`npm test`) a fixed seed and a few dozen runs per property, so
 * the whole suite takes seconds and a failure reproduces exactly; `npm run fuzz` sets FUZZ_RUNS
 * (and may set FUZZ_SEED) for the long run. A failure prints the seed and the shrunk input.
 */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_123);
const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 0);
/** True under `npm run fuzz`: the growth checks then try every parser, not a sample. */
export const LONG_RUN = FUZZ_RUNS > 0;

/** `fc.assert` options for a property whose CI budget is `ciRuns`. */
export function budget(ciRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: LONG_RUN ? FUZZ_RUNS : ciRuns, endOnFailure: true };
}
