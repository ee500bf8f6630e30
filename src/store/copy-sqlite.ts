import { chunked, conflict, sameColumns, type ContentIo, type CopiedTable, type Row, type TableIo, type ThreadTimes } from './copy-tables.ts';
import type { Db } from './db.ts';
import { decodePost } from './post-codec.ts';

/** `spool store copy` on a SQLite database: rows read in key order; writes are upserts, one transaction per chunk. */
export function sqliteTableIo(db: Db): TableIo {
  return {
    read(table: CopiedTable) {
      return chunked(db.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.key.join(', ')}`).iterate() as Iterable<Row>);
    },
    async write(table, rows) {
      const updates = table.columns.filter((c) => !(table.key as readonly string[]).includes(c)).map((c) => `${c} = excluded.${c}`);
      const statement = db.prepare(`
        INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map((c) => `@${c}`).join(', ')})
        ON CONFLICT (${table.key.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}
        ${
          updates.length > 0 && sameColumns(table).length > 0
            ? `WHERE ${sameColumns(table)
                .map((c) => `${table.name}.${c} IS excluded.${c}`)
                .join(' AND ')}`
            : ''
        }`);
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
    // INTEGER PRIMARY KEY columns continue past the largest id by themselves.
    async finish() {},
  };
}

/** Posts in arrival order, decoded from their compact bodies; thread times set with their tag links' digest key. */
export function sqliteContentIo(db: Db): ContentIo {
  const setTimes = db.prepare<{ id: string; firstSeenAt: number; grownAt: number }, { seq: number; created_at: number; tags: string }>(`
    UPDATE threads SET first_seen_at = @firstSeenAt, grown_at = @grownAt WHERE id = @id
    RETURNING seq, created_at, head -> '$.h' AS tags`);
  // thread_tags is keyed (tag_id, created_at, thread_seq): reached through the thread's own tags, not a scan.
  const setLinkTimes = db.prepare<[number, string, number, number]>(`
    UPDATE thread_tags SET changed_at = ?
    WHERE tag_id IN (SELECT t.id FROM tags t JOIN json_each(?) j ON t.name = j.value) AND created_at = ? AND thread_seq = ?`);
  return {
    async *posts() {
      const rows = db.prepare<[], { id: string; body: string }>('SELECT id, body FROM posts ORDER BY seq').iterate();
      yield* chunked(
        (function* () {
          for (const row of rows) yield decodePost(row.id, row.body);
        })(),
      );
    },
    threadTimes() {
      return chunked(db.prepare<[], ThreadTimes>('SELECT id, first_seen_at AS firstSeenAt, grown_at AS grownAt FROM threads ORDER BY seq').iterate());
    },
    async restoreTimes(times) {
      db.transaction(() => {
        for (const t of times) {
          const thread = setTimes.get({ id: t.id, firstSeenAt: t.firstSeenAt, grownAt: t.grownAt });
          if (thread) setLinkTimes.run(t.grownAt, thread.tags ?? '[]', thread.created_at, thread.seq);
        }
      })();
    },
    async tagCount() {
      return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM tags WHERE thread_count > 0').get()?.n ?? 0;
    },
  };
}
