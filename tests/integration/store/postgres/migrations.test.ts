import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/core/index.ts';
import { DatabaseOpenError } from '../../../../src/store/index.ts';
import { connectPostgres, openPostgresStores, PG_MIGRATIONS } from '../../../../src/store/postgres/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('migrations');
});
afterAll(async () => database?.drop());

describe('PostgreSQL store: start-up', () => {
  it('four replicas opening a new database at the same moment → it is migrated once, and every one of them works', async () => {
    const replicas = await Promise.all(Array.from({ length: 4 }, () => openPostgresStores(database.url, systemClock, { max: 2 })));
    try {
      const [first] = replicas;
      const applied = await first!.sql<{ version: number; name: string }[]>`SELECT version, name FROM spool_migrations ORDER BY version`;
      expect(applied.map((r) => ({ ...r }))).toEqual(PG_MIGRATIONS.map((m, i) => ({ version: i + 1, name: m.name })));
      expect(await Promise.all(replicas.map((r) => r.isEmpty()))).toEqual([true, true, true, true]);
      const extension = await first!.sql`SELECT 1 FROM pg_extension WHERE extname = 'unaccent'`;
      expect(extension).toHaveLength(1);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
    // Opening again changes nothing.
    const again = await openPostgresStores(database.url, systemClock);
    expect((await again.sql`SELECT COUNT(*)::int AS n FROM spool_migrations`)[0]).toEqual({ n: PG_MIGRATIONS.length });
    await again.close();
  });

  it('a server that cannot be reached → DatabaseOpenError naming the URL without its password', async () => {
    const error = await connectPostgres('postgres://spool:hunter2@127.0.0.1:9/spool').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toMatch(/^cannot open the database postgres:\/\/spool:\*\*\*@127\.0\.0\.1:9\/spool: /u);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
