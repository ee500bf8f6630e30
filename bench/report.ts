import type { FanoutResult } from './fanout.ts';
import { growthExponent, type Figure } from './measure.ts';

export interface BenchReport {
  readonly spool: string;
  readonly mode: 'quick' | 'full';
  readonly startedAt: string;
  readonly seconds: number;
  readonly machine: { readonly node: string; readonly cpus: number; readonly loadAverage: readonly number[] };
  readonly corpus: Record<string, unknown>;
  readonly figures: readonly Figure[];
  readonly growth: readonly Growth[];
  readonly misses: readonly string[];
  readonly fanout: readonly FanoutResult[];
}

export interface Growth {
  readonly name: string;
  /** Value at each size measured. */
  readonly points: readonly { readonly threads: number; readonly value: number; readonly ratio: number | null }[];
  /** Exponent k of value ∝ threads^k between consecutive sizes. */
  readonly exponents: readonly number[];
}

/** Groups figures measured at several sizes and computes how each grows. */
export function growthOf(figures: readonly Figure[]): Growth[] {
  const byName = new Map<string, Figure[]>();
  for (const f of figures) {
    if (f.threads === undefined) continue;
    const list = byName.get(f.name) ?? [];
    list.push(f);
    byName.set(f.name, list);
  }
  const out: Growth[] = [];
  for (const [name, list] of byName) {
    if (list.length < 2) continue;
    const points = list.map((f) => ({ threads: f.threads ?? 0, value: f.value, ratio: f.ratio }));
    const exponents = points.slice(1).map((p, i) => growthExponent(points[i] ?? p, p));
    out.push({ name, points, exponents });
  }
  return out;
}

function num(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  const text = abs >= 100_000 ? value.toExponential(2) : abs >= 100 ? value.toFixed(0) : abs >= 1 ? value.toFixed(2) : value.toFixed(3);
  return unit ? `${text} ${unit}` : text;
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const compact = (n: number | undefined): string => (n === undefined ? '' : n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : String(n));

/** The table for people: every figure beside its floor and their ratio, then growth and misses. */
export function renderTable(report: BenchReport): string {
  const rows: string[][] = [['group', 'figure', 'threads', 'value', 'floor', 'ratio', 'goal']];
  for (const f of report.figures) {
    rows.push([
      f.group,
      f.name,
      compact(f.threads),
      num(f.value, f.unit),
      num(f.floor, f.unit),
      f.ratio === null ? '—' : `${num(f.ratio)}×`,
      f.goal ? `${f.goal} ${f.ok ? 'ok' : 'MISS'}` : '',
    ]);
  }
  const parts = [
    `Spool bench (${report.mode}) — ${report.startedAt}, ${report.seconds.toFixed(0)} s, node ${report.machine.node}, ` +
      `${report.machine.cpus} CPUs, load ${report.machine.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
    `corpus: ${JSON.stringify(report.corpus)}`,
    '',
    "ratio = value / floor: a rate's share of the floor's speed; a time or size in floors.",
    '',
    table(rows),
  ];
  if (report.growth.length > 0) {
    const g: string[][] = [['figure', ...(report.growth[0]?.points.map((p) => compact(p.threads)) ?? []), 'growth exponent k (value ∝ threads^k)']];
    for (const row of report.growth) {
      g.push([row.name, ...row.points.map((p) => num(p.value)), row.exponents.map((k) => num(k)).join(' → ')]);
    }
    parts.push('', 'How it grows', table(g));
  }
  parts.push('', 'Fan-out (other scripts)');
  for (const f of report.fanout) parts.push(`  ${f.script}: ${f.status === 'ran' ? '' : `${f.status} — `}${f.output.split('\n').join('\n    ')}`);
  parts.push('', report.misses.length === 0 ? 'All goals met.' : `Goals missed:\n${report.misses.map((m) => `  - ${m}`).join('\n')}`);
  return parts.join('\n');
}
