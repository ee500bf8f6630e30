import type { Post } from '../core/index.ts';

/**
 * The tables `spool store copy` moves row for row, in an order that satisfies every foreign key, with the
 * columns both engines share and the key a row is matched on. Threads, posts and tags are not among them:
 * each engine lays them out its own way (SQLite's write-once rows, PostgreSQL's bodies), so they travel
 * as posts through the destination's own ingest, and only the times Spool saw each thread are carried
 * over (ContentIo). Leases are not copied: they belong to the processes of the source.
 *
 * `same`: what a row at the destination with the same key must also have for it to be the same row (an
 * earlier copy of it); another row there under that key means the destination holds other data.
 */
export const COPIED_TABLES = [
  { name: 'source_cursors', key: ['source', 'key'], columns: ['source', 'key', 'value', 'updated_at'] },
  // Buttons carry these keys: copied as they are, a button posted before the move still works after it.
  { name: 'short_keys', key: ['key'], same: ['value'], columns: ['key', 'value', 'created_at'] },
  {
    name: 'subscriptions',
    key: ['id'],
    same: ['platform', 'chat_id', 'topic_id', 'tag'],
    columns: [
      'id',
      'platform',
      'chat_id',
      'topic_id',
      'tag',
      'schedule_kind',
      'schedule',
      'zone',
      'lang',
      'min_posts',
      'options',
      'created_at',
      'paused_at',
      'paused_reason',
      'created_by',
    ],
  },
  {
    name: 'delivery_ledger',
    key: ['id'],
    same: ['subscription_id', 'period'],
    columns: [
      'id',
      'subscription_id',
      'period',
      'state',
      'attempts',
      'last_error',
      'next_attempt_at',
      'owner',
      'lease_until',
      'since',
      'until',
      'digest',
      'thread_ids',
      'messages',
      'created_at',
      'updated_at',
      'sent_at',
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
  /** After every table: move id counters past the copied ids. */
  finish(): Promise<void>;
}

/** When Spool first saw a thread and when it last grew: what digests and "recent" read, which an ingest at the destination would reset to now. */
export interface ThreadTimes {
  readonly id: string;
  readonly firstSeenAt: number;
  readonly grownAt: number;
}

/** Reads an engine's stored posts and thread times, and sets thread times on the destination. */
export interface ContentIo {
  /** Every stored post, as the ingest took it, a chunk at a time. */
  posts(): AsyncIterable<Post[]>;
  /** Every thread's times, a chunk at a time. */
  threadTimes(): AsyncIterable<ThreadTimes[]>;
  /** Sets these threads' times (and the digest keys copied onto their tag links); unknown ids are skipped. */
  restoreTimes(times: readonly ThreadTimes[]): Promise<void>;
  /** Hashtags with at least one thread. */
  tagCount(): Promise<number>;
}

/** The destination already holds other rows under the same names (not an earlier copy of this source). */
export class CopyConflictError extends Error {
  override readonly name = 'CopyConflictError';
  readonly exitStatus = 2;
}

export const COPY_CHUNK = 2_000;

/** Groups an iteration into arrays of COPY_CHUNK. */
export async function* chunked<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterable<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length >= COPY_CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
