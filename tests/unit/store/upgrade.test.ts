import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStores, MIGRATIONS, openDatabase, type Db, type SqliteStores } from '../../../src/store/index.ts';
import { OLD_CREATOR, OLD_LEASE, readStoreFixture, v3RowsAt, writeDatabaseAt, type StoreFixture, type TableRows } from '../../support/old-databases.ts';
import { fixedClock } from '../../support/posts.ts';
import { expectFoundByAuthor, expectIngestStillWorks, expectOldSettings, expectSameAnswers } from '../../support/upgrade-checks.ts';

/**
 * A database left at every earlier schema version, with data in it, opened by today's code: it is
 * upgraded in place and answers what its rows say. Versions 1–5 hold the rows of store-v3.json (the
 * layout of posts and threads did not change before 006; what did is in `v3RowsAt`), version 6 the
 * rows of store-v6.json (the write-once layout, as the store of that version wrote them). Both
 * fixtures also hold what the store of their time answered.
 */
const v3 = readStoreFixture('store-v3.json');
const v6 = readStoreFixture('store-v6.json');

interface OldDatabase {
  readonly version: number;
  readonly fixture: StoreFixture;
  readonly rows: TableRows;
  /** The subscriptions that version held, as `list()` must now read them (their new options at their defaults). */
  readonly subscriptions: readonly object[];
  readonly ledger?: { readonly subscriptionId: number; readonly period: string; readonly entry: object };
}

const V3_SUBSCRIPTION = {
  id: 1,
  tag: 'xinjiang',
  target: { platform: 'telegram', chatId: '42' },
  schedule: { kind: 'daily', time: '09:00', zone: 'Europe/Paris' },
  lang: undefined,
  langs: [],
  minPosts: undefined,
  require: [],
  exclude: [],
  muted: [],
};
const V3_PAUSED = {
  id: 2,
  tag: 'cotton',
  target: { platform: 'discord', chatId: '-100', topicId: '7' },
  schedule: { kind: 'cron', expression: '0 9 * * 1', zone: 'UTC' },
  lang: 'en',
  langs: ['en'],
  minPosts: 3,
  require: [],
  pausedAt: '2026-11-23T13:30:00.000Z',
  pausedReason: 'blocked',
};
const V3_LEDGER = { subscriptionId: 1, period: '2026-11-23T08:00', entry: { state: 'sending', attempts: 1, threadIds: ['x:a1'], owner: 'me' } };
const V6_SUBSCRIPTIONS = (v6.answers['subscriptions'] as object[]).map((s) => ({ ...s, require: [], exclude: [], muted: [] }));

const OLD_DATABASES: OldDatabase[] = [
  { version: 1, fixture: v3, rows: v3RowsAt(v3.rows, 1), subscriptions: [] },
  ...[2, 3, 4, 5].map((version) => ({
    version,
    fixture: v3,
    rows: v3RowsAt(v3.rows, version),
    subscriptions: [V3_SUBSCRIPTION, V3_PAUSED],
    ledger: V3_LEDGER,
  })),
  {
    version: 6,
    fixture: v6,
    rows: v6.rows,
    subscriptions: [
      { ...V6_SUBSCRIPTIONS[0], langs: ['fr'] },
      { ...V6_SUBSCRIPTIONS[1], langs: [] },
    ],
    ledger: { subscriptionId: 1, period: '2026-11-23', entry: v6.answers['ledger'] as object },
  },
];

let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Writes the old database to a file, then opens it the way `spool` does (openDatabase migrates). */
function openOld(old: OldDatabase, now: string): SqliteStores {
  dir = mkdtempSync(join(tmpdir(), `spool-upgrade-v${old.version}-`));
  const path = join(dir, 'spool.db');
  writeDatabaseAt(path, old.version, old.rows);
  db = openDatabase(path);
  return createSqliteStores(db, fixedClock(now));
}

describe.each(OLD_DATABASES)('SQLite store: a database left at version $version, with data', (old) => {
  const { answers } = old.fixture;

  it("opened by today's code → migrated to the latest version; threads, pages, search, tags and digests answer as before", async () => {
    const s = openOld(old, '2026-11-23T14:00:00Z');
    expect(db?.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    await expectSameAnswers(s, answers);
  });

  it('threads stored before authors were indexed → found by author, paged and searched by author', async () => {
    const s = openOld(old, '2026-11-23T14:00:00Z');
    await expectFoundByAuthor(s);
  });

  it('its subscriptions, delivery ledger, source cursor and service lease → read back with their settings', async () => {
    const s = openOld(old, '2026-11-23T14:00:00Z');
    const lease = old.version >= 4 ? { owner: OLD_LEASE.owner, pid: OLD_LEASE.pid, host: OLD_LEASE.host } : undefined;
    // The creator recorded from 005 on still counts towards the per-person cap.
    await expectOldSettings(s, { subscriptions: old.subscriptions, ledger: old.ledger, lease, creator: old.version >= 5 ? OLD_CREATOR : undefined });
  });

  it('the upgraded store → the same posts again change nothing; a new post grows its thread; the missing middle closes a gap; a new thread gets new keys', async () => {
    const s = openOld(old, '2026-11-23T15:00:00Z');
    await expectIngestStillWorks(s, old.fixture.posts, answers, '2026-11-23T15:00:00Z');
  });
});
