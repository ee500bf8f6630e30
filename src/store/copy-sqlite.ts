import { threadSearchText, type Thread } from '../core/index.ts';
import { conflict, COPY_CHUNK, sameColumns, type CopiedTable, type Row, type TableIo } from './copy-tables.ts';
import type { Db } from './db.ts';

/** `spool store copy` on a SQLite database: rows read in key order; writes are upserts, one transaction per chunk. */
export function sqliteTableIo(db: Db): TableIo {
  return {
    async *read(table: CopiedTable) {
      const rows = db.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.key.join(', ')}`).iterate() as Iterable<Row>;
      let chunk: Row[] = [];
      for (const row of rows) {
        chunk.push(row);
        if (chunk.length >= COPY_CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    },
    async write(table, rows) {
      const updates = table.columns.filter((c) => !(table.key as readonly string[]).includes(c)).map((c) => `${c} = excluded.${c}`);
      const statement = db.prepare(`
        INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map((c) => `@${c}`).join(', ')})
        ON CONFLICT (${table.key.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}
        ${updates.length > 0 && sameColumns(table).length > 0 ? `WHERE ${sameColumns(table).map((c) => `${table.name}.${c} IS excluded.${c}`).join(' AND ')}` : ''}`);
      try {
        db.transaction(() => {
          for (const row of rows) {
            if (statement.run(row).changes === 0 && updates.length > 0) throw conflict(table, `${table.key.map((k) => `${k} ${row[k]}`).join(', ')}`);
          }
        })();
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw conflict(table, (error as Error).message);
        throw error;
      }
    },
    async index(threads) {
      const remove = db.prepare('DELETE FROM thread_text WHERE rowid = ?');
      const insert = db.prepare('INSERT INTO thread_text (rowid, text) VALUES (?, ?)');
      db.transaction(() => {
        for (const row of threads) {
          remove.run(row['seq']);
          insert.run(row['seq'], threadSearchText(JSON.parse(String(row['body'])) as Thread));
        }
      })();
    },
    // INTEGER PRIMARY KEY columns continue past the largest id by themselves.
    async finish() {},
  };
}
