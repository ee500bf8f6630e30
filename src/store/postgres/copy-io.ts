import type postgres from 'postgres';
import type { Post } from '../../core/index.ts';
import { conflict, COPY_CHUNK, sameColumns, type ContentIo, type CopiedTable, type Row, type TableIo, type ThreadTimes } from '../copy-tables.ts';
import type { Sql } from './connect.ts';

/** Tables whose key is an identity: after a copy their counters must start past the copied ids. */
const IDENTITIES = [
  ['subscriptions', 'id'],
  ['delivery_ledger', 'id'],
] as const;

/**
 * `spool store copy` on PostgreSQL: rows read through a cursor in key order; each chunk written in one
 * statement that maps JSON rows onto the table's columns (json_populate_recordset) and upserts them.
 */
export function postgresTableIo(sql: Sql): TableIo {
  return {
    async *read(table: CopiedTable) {
      const query = sql`SELECT ${sql([...table.columns])} FROM ${sql(table.name)} ORDER BY ${sql.unsafe(table.key.join(', '))}`;
      for await (const rows of query.cursor(COPY_CHUNK)) yield rows.map((row) => ({ ...row }) as Row);
    },
    async write(table, rows) {
      const columns = sql([...table.columns]);
      const updates = table.columns.filter((c) => !(table.key as readonly string[]).includes(c));
      const same = sameColumns(table);
      const guard = same.length > 0 ? sql`WHERE ${sql.unsafe(same.map((c) => `${table.name}.${c} IS NOT DISTINCT FROM excluded.${c}`).join(' AND '))}` : sql``;
      try {
        const written = await sql`
          INSERT INTO ${sql(table.name)} (${columns})
          SELECT ${columns} FROM jsonb_populate_recordset(NULL::${sql(table.name)}, ${sql.json(rows as unknown as postgres.JSONValue)})
          ON CONFLICT (${sql.unsafe(table.key.join(', '))}) DO ${
            updates.length > 0 ? sql`UPDATE SET ${sql.unsafe(updates.map((c) => `${c} = excluded.${c}`).join(', '))} ${guard}` : sql`NOTHING`
          }`;
        if (updates.length > 0 && written.count < rows.length) throw conflict(table, `${rows.length - written.count} of ${rows.length} rows differ`);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw conflict(table, (error as Error).message);
        throw error;
      }
    },
    async finish() {
      // After a bulk load: flush the GIN index's pending list and give the planner fresh statistics.
      await sql`VACUUM (ANALYZE) thread_words, threads, thread_tags, tags, tag_pairs, posts`;
      for (const [table, column] of IDENTITIES) {
        await sql`
          SELECT setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql(column)}), 1), max(${sql(column)}) IS NOT NULL)
          FROM ${sql(table)}`;
      }
    },
  };
}

/** Posts as stored (each body is the Post the ingest took); thread times set in one statement per chunk. */
export function postgresContentIo(sql: Sql): ContentIo {
  return {
    async *posts() {
      for await (const rows of sql<{ body: string }[]>`SELECT body FROM posts ORDER BY id`.cursor(COPY_CHUNK)) {
        yield rows.map((row) => JSON.parse(row.body) as Post);
      }
    },
    async *threadTimes() {
      const query = sql<ThreadTimes[]>`SELECT id, first_seen_at::float8 AS "firstSeenAt", grown_at::float8 AS "grownAt" FROM threads ORDER BY seq`;
      for await (const rows of query.cursor(COPY_CHUNK)) yield rows.map((row) => ({ ...row }));
    },
    async restoreTimes(times) {
      await sql`
        WITH given AS (
          SELECT * FROM unnest(${sql.array(times.map((t) => t.id))}::text[], ${sql.array(times.map((t) => t.firstSeenAt))}::bigint[],
                               ${sql.array(times.map((t) => t.grownAt))}::bigint[]) AS g (id, first_seen_at, grown_at)
        ), updated AS (
          UPDATE threads t SET first_seen_at = given.first_seen_at, grown_at = given.grown_at
          FROM given WHERE t.id = given.id
          RETURNING t.seq, given.grown_at
        )
        UPDATE thread_tags tt SET changed_at = updated.grown_at FROM updated WHERE tt.thread_seq = updated.seq`;
    },
    async tagCount() {
      const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM tags WHERE thread_count > 0`;
      return row?.n ?? 0;
    },
  };
}
