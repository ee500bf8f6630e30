import type postgres from 'postgres';
import { searchWords, threadSearchText, type Thread } from '../../core/index.ts';
import { conflict, COPY_CHUNK, sameColumns, type CopiedTable, type Row, type TableIo } from '../copy-tables.ts';
import type { Sql } from './connect.ts';

/** Tables whose key is an identity: after a copy their counters must start past the copied ids. */
const IDENTITIES = [
  ['threads', 'seq'],
  ['tags', 'id'],
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
    async index(threads) {
      for (let i = 0; i < threads.length; i += COPY_CHUNK) {
        const chunk = threads.slice(i, i + COPY_CHUNK);
        const words = chunk.map((row) => searchWords(threadSearchText(JSON.parse(String(row['body'])) as Thread)).join(' '));
        await sql`
          INSERT INTO thread_words (seq, words)
          SELECT s, array_to_tsvector(array_remove(string_to_array(unaccent(w), ' '), ''))
          FROM unnest(${sql.array(chunk.map((row) => Number(row['seq'])))}::bigint[], ${sql.array(words)}::text[]) AS x (s, w)
          ON CONFLICT (seq) DO UPDATE SET words = excluded.words`;
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
