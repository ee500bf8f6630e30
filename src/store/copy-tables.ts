/**
 * `same`: what a row at the destination with the same key must also have for it to be the same row (an
 * earlier copy of it); another row there under that key means the destination holds other data.
 *
 * The tables `spool store copy` moves, in an order that satisfies every foreign key, with the columns
 * both engines share and the key a row is matched on. Search indexes (SQLite's thread_text, PostgreSQL's
 * thread_words) are not copied: each engine rebuilds its own from the thread bodies. Leases are not
 * copied: they belong to the processes of the source.
 */
export const COPIED_TABLES = [
  { name: 'tags', key: ['id'], same: ['name'], columns: ['id', 'name', 'thread_count'] },
  { name: 'threads', key: ['seq'], same: ['id'], columns: ['seq', 'id', 'lang', 'created_at', 'best_rank', 'stored_count', 'first_seen_at', 'grown_at', 'body'] },
  { name: 'posts', key: ['id'], columns: ['id', 'author_id', 'reply_to_id', 'conversation_id', 'thread_id', 'body'] },
  { name: 'thread_tags', key: ['tag_id', 'thread_seq'], columns: ['tag_id', 'thread_seq', 'lang', 'created_at', 'best_rank', 'changed_at', 'stored_count'] },
  { name: 'tag_pairs', key: ['tag_id', 'other_id'], columns: ['tag_id', 'other_id', 'threads'] },
  { name: 'source_cursors', key: ['source', 'key'], columns: ['source', 'key', 'value', 'updated_at'] },
  {
    name: 'subscriptions',
    key: ['id'],
    same: ['platform', 'chat_id', 'topic_id', 'tag'],
    columns: ['id', 'platform', 'chat_id', 'topic_id', 'tag', 'schedule_kind', 'schedule', 'zone', 'lang', 'min_posts', 'created_at', 'paused_at', 'paused_reason'],
  },
  {
    name: 'delivery_ledger',
    key: ['id'],
    same: ['subscription_id', 'period'],
    columns: [
      'id', 'subscription_id', 'period', 'state', 'attempts', 'last_error', 'next_attempt_at', 'owner', 'lease_until',
      'since', 'until', 'digest', 'thread_ids', 'messages', 'created_at', 'updated_at', 'sent_at',
    ],
  },
] as const;

export type CopiedTable = (typeof COPIED_TABLES)[number];

/** The columns that must match for an upsert to replace a row (see COPIED_TABLES). */
export function sameColumns(table: CopiedTable): readonly string[] {
  return 'same' in table ? table.same : [];
}

export function conflict(table: CopiedTable, detail: string): CopyConflictError {
  return new CopyConflictError(
    `the destination already holds other ${table.name.replace('_', ' ')} under the same ids (${detail}): copy into an empty database, or one copied from this same source`,
  );
}
export type Row = Record<string, string | number | null>;

/** Reads and writes the copied tables of one engine, rows by column name. */
export interface TableIo {
  /** The rows of `table` in key order, a chunk at a time. */
  read(table: CopiedTable): AsyncIterable<Row[]>;
  /** Inserts the rows, or updates the row with the same key: copying twice changes nothing the second time. */
  write(table: CopiedTable, rows: readonly Row[]): Promise<void>;
  /** Rebuilds the search index of threads just written (`seq` and `body` of each). */
  index(threads: readonly Row[]): Promise<void>;
  /** After every table: move id counters past the copied ids. */
  finish(): Promise<void>;
}

/** The destination already holds other rows under the same names (not an earlier copy of this source). */
export class CopyConflictError extends Error {
  override readonly name = 'CopyConflictError';
  readonly exitStatus = 2;
}

export const COPY_CHUNK = 2_000;
