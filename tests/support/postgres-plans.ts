import { connectPostgres, type Sql } from '../../src/store/postgres/index.ts';
import type { TransactionSql } from '../../src/store/postgres/connect.ts';
import type { RanStatement } from './sqlite-plans.ts';

/** A node of `EXPLAIN (FORMAT JSON)`: the fields the checks read. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

/**
 * `custom`: the plan for the parameters the statement ran with. `generic`: the plan for any parameters,
 * which the server may settle on once a prepared statement (postgres.js prepares each) has run a few times.
 */
export type PlanKind = 'custom' | 'generic';
export type Explain = (statement: RanStatement, kind: PlanKind) => Promise<PlanNode>;

type ExplainRow = { 'QUERY PLAN': { Plan: PlanNode }[] };

/** A parameter as an SQL literal (standard_conforming_strings: only quotes are doubled). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`no literal for the parameter ${JSON.stringify(value)}`);
}

/** EXPLAIN of a statement with its parameters, inside `tx` (so that a test may drop an index first and roll back). */
export async function explainIn(tx: TransactionSql, statement: RanStatement, kind: PlanKind): Promise<PlanNode> {
  const params = statement.params as never[];
  let rows: ExplainRow[];
  if (kind === 'custom') {
    // Sent back as they were (untyped): the server infers their types as it did for the store.
    rows = await tx.unsafe<ExplainRow[]>(`EXPLAIN (FORMAT JSON) ${statement.sql}`, params);
  } else {
    await tx.unsafe('SET LOCAL plan_cache_mode = force_generic_plan');
    await tx.unsafe(`PREPARE spool_plan_check AS ${statement.sql}`);
    const [prepared] = await tx<{ types: string[] }[]>`SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE name = 'spool_plan_check'`;
    // EXPLAIN EXECUTE takes no bound parameters: the values go in as literals of the types the server inferred.
    const args = params.length === 0 ? '' : `(${params.map((value, i) => `${literal(value)}::${prepared?.types[i] ?? 'text'}`).join(', ')})`;
    rows = await tx.unsafe<ExplainRow[]>(`EXPLAIN (FORMAT JSON) EXECUTE spool_plan_check${args}`);
    await tx.unsafe('DEALLOCATE spool_plan_check');
    await tx.unsafe('SET LOCAL plan_cache_mode = auto');
  }
  const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
  if (!plan) throw new Error(`no plan for ${statement.sql}`);
  return plan;
}

export interface PostgresStatementRecorder {
  /** The pool the stores run on: every statement it sends is recorded. */
  readonly sql: Sql;
  /** The reading statements sent since the last `take()`, each distinct (SQL, parameters) once. */
  take(): RanStatement[];
  readonly explain: Explain;
}

/**
 * A pool over `url` (made by the store's own `connectPostgres`, so with its types and settings) that
 * records the statements it sends: the plan tests explain what the store really runs. Catalogue
 * queries of the driver itself (array types, on first use) are left out.
 */
export async function recordPostgresStatements(url: string): Promise<PostgresStatementRecorder> {
  let ran: RanStatement[] = [];
  const sql = await connectPostgres(url, {
    max: 2,
    onStatement: (statement, parameters) => {
      if (/^\s*(SELECT|WITH)\b/iu.test(statement) && !/pg_catalog\./u.test(statement)) ran.push({ sql: statement, params: [...parameters] });
    },
  });
  return {
    sql,
    take() {
      const seen = new Set<string>();
      const distinct = ran.filter((s) => {
        const key = JSON.stringify([s.sql, s.params]);
        return seen.has(key) ? false : (seen.add(key), true);
      });
      ran = [];
      return distinct;
    },
    explain: (statement, kind) => sql.begin((tx) => explainIn(tx, statement, kind)),
  };
}

/** Every node of a plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** A plan as indented lines ("Index Only Scan using thread_tags_best on thread_tags"), for failure messages. */
export function showPlan(plan: PlanNode, depth = 0): string {
  const using = plan['Index Name'] ? ` using ${plan['Index Name']}` : '';
  const on = plan['Relation Name'] ? ` on ${plan['Relation Name']}` : '';
  return [`${'  '.repeat(depth)}${plan['Node Type']}${using}${on}`, ...(plan.Plans ?? []).map((p) => showPlan(p, depth + 1))].join('\n');
}

/** Tables that grow with the corpus: a sequential scan of any of them is what the plan tests forbid. */
export const PG_BIG_TABLES = ['threads', 'posts', 'thread_tags', 'thread_words'] as const;

/** What one statement of a port call must show: found by its SQL, then each of its plans is read. */
export interface PgStatementExpectation {
  readonly statement: RegExp;
  /** Indexes the plan must read (each pattern matched against the plan's index names). */
  readonly uses: readonly RegExp[];
}

const oneLine = (sql: string) => sql.replace(/\s+/gu, ' ').trim();

/**
 * Every problem with the plans (custom and generic) of the statements a call ran, each naming the
 * statement, its parameters and its plan: a sequential scan of a big table, a promised index not read.
 */
export async function pgPlanProblems(explain: Explain, ran: readonly RanStatement[], expected: readonly PgStatementExpectation[]): Promise<string[]> {
  const problems: string[] = [];
  for (const expectation of expected) {
    if (!ran.some((s) => expectation.statement.test(oneLine(s.sql)))) {
      problems.push(`no statement run matches ${expectation.statement} (ran: ${ran.map((s) => oneLine(s.sql).slice(0, 80)).join(' | ')})`);
    }
  }
  for (const statement of ran) {
    for (const kind of ['custom', 'generic'] as const) {
      const plan = await explain(statement, kind);
      const nodes = planNodes(plan);
      const describe = (problem: string) =>
        `${problem} (${kind} plan)\n  statement: ${oneLine(statement.sql)}\n  parameters: ${JSON.stringify(statement.params)}\n  plan:\n${showPlan(plan).replace(/^/gmu, '    ')}`;
      for (const node of nodes) {
        const table = node['Relation Name'];
        if (node['Node Type'] === 'Seq Scan' && table && (PG_BIG_TABLES as readonly string[]).includes(table))
          problems.push(describe(`reads a whole table: "Seq Scan on ${table}"`));
      }
      const indexes = nodes.map((n) => n['Index Name']).filter((name): name is string => name !== undefined);
      for (const expectation of expected.filter((e) => e.statement.test(oneLine(statement.sql)))) {
        for (const use of expectation.uses) if (!indexes.some((name) => use.test(name))) problems.push(describe(`the plan reads no index ${use}`));
      }
    }
  }
  return problems;
}
