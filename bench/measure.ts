import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * What every figure is: a value, the floor measured in the same run on the same machine, and
 * their ratio. The ratio is what to compare between runs; the raw value moves with the machine.
 */
export interface Figure {
  readonly group: 'corpus' | 'ingest' | 'answer' | 'digest' | 'memory' | 'fanout' | 'start-up';
  readonly name: string;
  /** Threads in the database when measured. */
  readonly threads?: number | undefined;
  readonly unit: string;
  readonly value: number;
  readonly floor: number | null;
  /** value / floor: for a rate, the share of the floor's speed; for a time or a size, how many floors it costs. */
  readonly ratio: number | null;
  readonly floorName?: string | undefined;
  readonly goal?: string | undefined;
  readonly ok?: boolean | undefined;
  readonly note?: string | undefined;
}

export function figure(input: Omit<Figure, 'ratio'>): Figure {
  const ratio = input.floor !== null && input.floor > 0 ? input.value / input.floor : null;
  return { ...input, ratio };
}

/** Nearest-rank percentile of an ascending-sorted sample. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly count: number;
  /**
   * The same percentiles in CPU time of this process. On a shared machine the wall-clock p99 of
   * anything longer than a few hundred microseconds includes waiting for a core; the CPU time does not.
   */
  readonly cpuP50: number;
  readonly cpuP99: number;
}

function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function summarize(samplesMs: readonly number[], cpuMs: readonly number[] = samplesMs): Latency {
  const sorted = sortedCopy(samplesMs);
  const cpu = sortedCopy(cpuMs);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean,
    count: sorted.length,
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
  };
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** `global.gc` without a command-line flag: a collection before each figure keeps one figure's garbage out of the next. */
const collect: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
})();

/**
 * Times `run(input)` once per input, in milliseconds of wall and CPU time, after the `warm` inputs
 * ran untimed (other queries of the same kind: JIT and caches warm, as in a long-running bot, but
 * the measured queries are not answered from their own previous run).
 */
export function timeEach<T>(inputs: readonly T[], run: (input: T) => unknown, warm: readonly T[] = []): Latency {
  for (const input of warm) run(input);
  collect();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const input of inputs) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run(input);
    wall.push(performance.now() - start);
    cpu.push(cpuMsSince(cpuStart));
  }
  return summarize(wall, cpu);
}

export async function timeEachAsync<T>(inputs: readonly T[], run: (input: T) => Promise<unknown>, warm: readonly T[] = []): Promise<Latency> {
  for (const input of warm) await run(input);
  collect();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const input of inputs) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await run(input);
    wall.push(performance.now() - start);
    cpu.push(cpuMsSince(cpuStart));
  }
  return summarize(wall, cpu);
}

/**
 * How a figure grows with the database: the exponent k in value ∝ threads^k between two sizes.
 * 0 is flat (an index lookup), 1 is linear (a scan), in between is a B-tree's log or a cache running out.
 */
export function growthExponent(a: { threads: number; value: number }, b: { threads: number; value: number }): number {
  if (a.value <= 0 || b.value <= 0 || a.threads === b.threads) return Number.NaN;
  return Math.log(b.value / a.value) / Math.log(b.threads / a.threads);
}

/** Peak resident set size of this process so far, in bytes. */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
