import { afterEach, describe, expect, it } from 'vitest';
import { connectPostgres, createPostgresStores, migratePostgres, PG_MIGRATIONS, type PostgresStores } from '../../../../src/store/postgres/index.ts';
import { readStoreFixture } from '../../../support/old-databases.ts';
import { pgV2RowsAt, writePostgresAt } from '../../../support/old-postgres.ts';
import { fixedClock } from '../../../support/posts.ts';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.ts';
import { expectFoundByAuthor, expectIngestStillWorks, expectOldSettings, expectSameAnswers } from '../../../support/upgrade-checks.ts';

/**
 * A PostgreSQL database left at every earlier schema version (1 and 2), with data, upgraded by
 * `migratePostgres` and read through the stores. The rows are store-pg-v2.json's: the posts of
 * store-v3.json as the PostgreSQL store of version 2 wrote them, and what it answered then.
 */
const fixture = readStoreFixture('store-pg-v2.json');
const SUBSCRIPTIONS = (fixture.answers['subscriptions'] as object[]).map((s, i) => ({
  ...s,
  langs: i === 0 ? ['fr'] : [],
  require: [],
  exclude: [],
  muted: [],
}));
const LEDGER = { subscriptionId: 1, period: '2026-11-23', entry: fixture.answers['ledger'] as object };
const LEASE = { owner: 'o-1', pid: 4242, host: 'old-host' };

let database: TestDatabase | undefined;
let stores: PostgresStores | undefined;
afterEach(async () => {
  await stores?.close();
  await database?.drop();
  stores = undefined;
  database = undefined;
});

/** A new database written at `version`, then opened as `spool` opens one: connect, migrate, stores. */
async function openOld(version: 1 | 2, now: string): Promise<PostgresStores> {
  database = await createTestDatabase(`upgrade_v${version}`);
  const sql = await connectPostgres(database.url, { max: 2 });
  stores = createPostgresStores(sql, fixedClock(now));
  await writePostgresAt(sql, version, pgV2RowsAt(fixture.rows, version));
  expect(await migratePostgres(sql)).toBe(PG_MIGRATIONS.length);
  return stores;
}

describe.each([1, 2] as const)('PostgreSQL store: a database left at version %i, with data', (version) => {
  it("migrated by today's code → every migration recorded; threads, pages, search, tags and digests answer as before; found by author", async () => {
    const s = await openOld(version, '2026-11-23T14:00:00Z');
    const applied = await s.sql<{ version: number; name: string }[]>`SELECT version, name FROM spool_migrations ORDER BY version`;
    expect(applied.map((r) => ({ ...r }))).toEqual(PG_MIGRATIONS.map((m, i) => ({ version: i + 1, name: m.name })));
    await expectSameAnswers(s, fixture.answers);
    await expectFoundByAuthor(s);
  });

  it('its subscriptions, delivery ledger, source cursor and service lease → read back with their settings', async () => {
    const s = await openOld(version, '2026-11-23T14:00:00Z');
    await expectOldSettings(s, { subscriptions: SUBSCRIPTIONS, ledger: LEDGER, lease: LEASE, creator: version >= 2 ? 'telegram:7' : undefined });
  });

  it('the upgraded store → the same posts again change nothing; a new post grows its thread; the missing middle closes a gap; a new thread gets new keys', async () => {
    const s = await openOld(version, '2026-11-23T15:00:00Z');
    await expectIngestStillWorks(s, fixture.posts, fixture.answers, '2026-11-23T15:00:00Z');
  });
});
