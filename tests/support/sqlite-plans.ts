import type { Db } from '../../src/store/index.ts';

/** A statement as the store ran it: its SQL and the parameters of that run. */
export interface RanStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface StatementRecorder {
  /** The reading statements run since the last `take()`, in order, each distinct (SQL, parameters) once. */
  take(): RanStatement[];
  /** EXPLAIN QUERY PLAN of a statement with the parameters it ran with, as an indented tree. */
  plan(statement: RanStatement): string;
}

/** Statement methods that return the statement itself: the wrapper must hand back the wrapper, or later runs go unseen. */
const CHAINING = new Set(['pluck', 'expand', 'raw', 'safeIntegers', 'bind']);
const RUNNING = new Set(['run', 'get', 'all', 'iterate']);

/**
 * Wraps `db.prepare` so that every statement prepared from now on reports its runs: the plan tests
 * then check the SQL the store really runs, not a copy of it. Call it before the stores are created
 * (they prepare their statements once, up front). Only reads are kept (SELECT / WITH): writes are
 * not the hot paths under test.
 */
export function recordStatements(db: Db): StatementRecorder {
  const prepare = db.prepare.bind(db);
  let ran: RanStatement[] = [];
  const wrap = (statement: ReturnType<Db['prepare']>): ReturnType<Db['prepare']> => {
    const proxy: ReturnType<Db['prepare']> = new Proxy(statement, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (RUNNING.has(String(key)) && /^\s*(SELECT|WITH)\b/iu.test(target.source)) ran.push({ sql: target.source, params: args });
          const result: unknown = value.apply(target, args);
          return CHAINING.has(String(key)) && result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  db.prepare = ((source: string) => wrap(prepare(source))) as Db['prepare'];
  return {
    take() {
      const seen = new Set<string>();
      const distinct = ran.filter((s) => {
        const key = JSON.stringify([s.sql, s.params]);
        return seen.has(key) ? false : (seen.add(key), true);
      });
      ran = [];
      return distinct;
    },
    plan(statement) {
      const rows = prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>([[0, -1]]);
      return rows
        .map((row) => {
          const level = (depth.get(row.parent) ?? -1) + 1;
          depth.set(row.id, level);
          return `${'  '.repeat(level)}${row.detail}`;
        })
        .join('\n');
    },
  };
}

/** Tables that grow with the corpus: reading any of them whole is what the plan tests forbid. */
export const BIG_TABLES = ['threads', 'posts', 'thread_tags', 'tags', 'tag_pairs', 'tag_grams', 'tag_langs'] as const;

/** Names after FROM/JOIN mapped to the tables they stand for (`thread_tags tt` → tt: thread_tags), as SQLite's plans name them. */
export function tableAliases(sql: string): Map<string, string> {
  const aliases = new Map<string, string>();
  const notAlias = /^(WHERE|JOIN|ON|LEFT|INNER|CROSS|GROUP|ORDER|LIMIT|AND|OR|USING|NATURAL|UNION|WINDOW|HAVING)$/iu;
  for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/giu)) {
    const [, table, alias] = match;
    if (!table) continue;
    aliases.set(table, table);
    if (alias && !notAlias.test(alias)) aliases.set(alias, table);
  }
  return aliases;
}

/**
 * The lines of a plan that read a big table whole: `SCAN t` (the table) or `SCAN t USING [COVERING] INDEX i`
 * (a whole index, in its order). A `SEARCH` is a range of an index and is what the queries promise.
 */
export function fullScans(sql: string, plan: string): string[] {
  const aliases = tableAliases(sql);
  return plan
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => {
      const scanned = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX \w+| USING INTEGER PRIMARY KEY)?$/u.exec(line)?.[1];
      const table = scanned === undefined ? undefined : aliases.get(scanned);
      return table !== undefined && (BIG_TABLES as readonly string[]).includes(table);
    });
}

/** What one statement of a port call must show: it is found by its SQL, then its plan (and parameters) are read. */
export interface StatementExpectation {
  /** Picks the statement among those the call ran. */
  readonly statement: RegExp;
  /** Lines the plan must have: the index a comment in the code promises. */
  readonly uses: readonly RegExp[];
  /** Lines it must not have (a sort the index was meant to spare). */
  readonly avoids?: readonly RegExp[];
  /** What the parameters it ran with must show (a search's tag token). */
  readonly params?: RegExp;
}

const oneLine = (sql: string) => sql.replace(/\s+/gu, ' ').trim();

/**
 * Every problem with the plans of the statements a call ran, each naming the statement, its
 * parameters and its plan: a full read of a big table in any of them, a promised index not used.
 */
export function sqlitePlanProblems(recorder: StatementRecorder, ran: readonly RanStatement[], expected: readonly StatementExpectation[]): string[] {
  const problems: string[] = [];
  const describe = (s: RanStatement, plan: string, problem: string) =>
    `${problem}\n  statement: ${oneLine(s.sql)}\n  parameters: ${JSON.stringify(s.params)}\n  plan:\n${plan.replace(/^/gmu, '    ')}`;
  const plans = ran.map((s) => ({ s, plan: recorder.plan(s) }));
  for (const { s, plan } of plans) {
    for (const line of fullScans(s.sql, plan)) problems.push(describe(s, plan, `reads a whole table: "${line}"`));
  }
  for (const expectation of expected) {
    const matching = plans.filter(({ s }) => expectation.statement.test(oneLine(s.sql)));
    if (matching.length === 0)
      problems.push(`no statement run matches ${expectation.statement} (ran: ${ran.map((s) => oneLine(s.sql).slice(0, 80)).join(' | ')})`);
    for (const { s, plan } of matching) {
      for (const use of expectation.uses) if (!use.test(plan)) problems.push(describe(s, plan, `the plan does not show ${use}`));
      for (const avoid of expectation.avoids ?? []) if (avoid.test(plan)) problems.push(describe(s, plan, `the plan shows ${avoid}`));
      if (expectation.params && !expectation.params.test(JSON.stringify(s.params)))
        problems.push(describe(s, plan, `the parameters do not show ${expectation.params}`));
    }
  }
  return problems;
}
