import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Post, StoredThread, ThreadPage } from '../../src/core/index.ts';
import { MIGRATIONS } from '../../src/store/index.ts';

export type TableRows = Record<string, Record<string, unknown>[]>;

/** What a store answered about its own rows (tests/fixtures/store-v*.json). */
export interface StoreAnswers {
  threads: Record<string, StoredThread>;
  recent: Record<string, ThreadPage>;
  best: ThreadPage;
  lang: ThreadPage;
  search: { ouighours: string[]; chaine: number; xinjiangTagged: string[] };
  related: { tag: string; threads: number }[];
  counts: Record<string, number>;
  closest: string[];
  changed: string[];
  stats: { posts: number; threads: number; tags: number };
}

/** A database as some older Spool left it: its posts, its rows of every table, and what that store answered. */
export interface StoreFixture {
  posts: Post[];
  rows: TableRows;
  answers: StoreAnswers & Record<string, unknown>;
}

export function readStoreFixture(name: 'store-v3.json' | 'store-v6.json' | 'store-pg-v2.json'): StoreFixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as StoreFixture;
}

/**
 * A database file at schema version `version` (the first `version` migrations, as that Spool ran them),
 * holding `rows` inserted with plain SQL. Full-text tables take `rowid` and `text` like any other.
 */
export function writeDatabaseAt(path: string, version: number, rows: TableRows): void {
  const old = new Database(path);
  old.pragma('journal_mode = WAL');
  // As a dump is loaded: rows in any table order (a ledger row may come before its subscription).
  old.pragma('foreign_keys = OFF');
  old.transaction(() => {
    for (const migration of MIGRATIONS.slice(0, version)) old.exec(migration.sql);
    for (const [table, tableRows] of Object.entries(rows)) {
      for (const row of tableRows) {
        const columns = Object.keys(row);
        old.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
      }
    }
    old.pragma(`user_version = ${version}`);
  })();
  old.close();
}

/** The lease an old service held (table service_leases, from migration 004 on). */
export const OLD_LEASE = { role: 'service', owner: 'o-1', pid: 4242, host: 'old-host', started_at: 1795438800000, renewed_at: 1795441200000 };
/**
 * A second subscription, written as a Spool of 002–005 would have (the v3 fixture's has no language,
 * no minimum and is active): a cron schedule in a topic, a language, a minimum length, paused.
 */
export const OLD_PAUSED_SUBSCRIPTION = {
  id: 2,
  platform: 'discord',
  chat_id: '-100',
  topic_id: '7',
  tag: 'cotton',
  schedule_kind: 'cron',
  schedule: '0 9 * * 1',
  zone: 'UTC',
  lang: 'en',
  min_posts: 3,
  created_at: 1795438800000,
  paused_at: 1795440600000,
  paused_reason: 'blocked',
};
/** Who made the v3 fixture's subscription, once migration 005 records it. */
export const OLD_CREATOR = 'telegram:7';

/**
 * store-v3.json's rows as a Spool at `version` (1–5) held them. The posts and threads layout is the same
 * from 001 to 005; what differs: no subscriptions or ledger before 002 (from 002 on, a second, paused one), no thread length on tag links
 * before 003, service leases from 004, the subscription's creator from 005.
 */
export function v3RowsAt(rows: TableRows, version: number): TableRows {
  if (version < 1 || version > 5) throw new Error(`the v3 layout spans versions 1–5, not ${version}`);
  const at: TableRows = {};
  for (const [table, tableRows] of Object.entries(rows)) {
    if (version < 2 && (table === 'subscriptions' || table === 'delivery_ledger')) continue;
    at[table] = tableRows.map((row) => {
      const copy = { ...row };
      if (version < 3 && table === 'thread_tags') delete copy['stored_count'];
      if (version >= 5 && table === 'subscriptions') copy['created_by'] = OLD_CREATOR;
      return copy;
    });
  }
  if (version >= 2) at['subscriptions']?.push({ ...OLD_PAUSED_SUBSCRIPTION });
  if (version >= 4) at['service_leases'] = [OLD_LEASE];
  return at;
}
