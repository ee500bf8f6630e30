import postgres from 'postgres';
import { DatabaseOpenError } from '../db.ts';

/** int8 (COUNT(*), identities, millisecond times) read as a JS number: every value Spool stores is below 2^53. */
const BIGINT_AS_NUMBER = {
  to: 20,
  from: [20],
  serialize: (value: number) => String(value),
  parse: (raw: string) => Number(raw),
};

export type Sql = postgres.Sql<{ bigint: number }>;
export type TransactionSql = postgres.TransactionSql<{ bigint: number }>;

/** The URL as it may be shown: a password in it is replaced by `***`. */
export function showDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//iu.test(location);
}

export interface PostgresPoolOptions {
  readonly max?: number;
  /** Sees each statement as sent, with its parameters: the query-plan tests explain what the store really runs. */
  readonly onStatement?: (statement: string, parameters: readonly unknown[]) => void;
}

/**
 * A connection pool to `url`. Undefined parameters are sent as NULL; server notices (an extension
 * that already exists …) are not printed. The first query proves the server is there: an unreachable
 * or refusing server is a DatabaseOpenError naming the URL without its password.
 */
export async function connectPostgres(url: string, options: PostgresPoolOptions = {}): Promise<Sql> {
  const { onStatement } = options;
  const sql = postgres(url, {
    max: options.max ?? 10,
    ...(onStatement ? { debug: (_connection: number, statement: string, parameters: unknown[]) => onStatement(statement, parameters) } : {}),
    types: { bigint: BIGINT_AS_NUMBER },
    transform: { undefined: null },
    onnotice: () => undefined,
    connect_timeout: 10,
    // A connection idle for a minute is closed: replicas that scale down give their slots back.
    idle_timeout: 60,
    connection: { application_name: 'spool' },
  }) as unknown as Sql;
  try {
    await sql`SELECT 1`;
  } catch (cause) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    const code = (cause as { code?: string }).code;
    const reason = (cause as Error).message;
    throw new DatabaseOpenError(showDatabaseUrl(url), code && !reason.includes(code) ? `${reason} (${code})` : reason, { cause });
  }
  return sql;
}
