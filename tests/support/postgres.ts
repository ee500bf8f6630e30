import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * The PostgreSQL every machine of this project runs (127.0.0.1:5432, trust authentication). Tests make
 * their own database per file and drop it after, so nothing depends on what an earlier run left.
 * `SPOOL_TEST_PG_ADMIN_URL` points them at another server.
 */
export const PG_ADMIN_URL = process.env['SPOOL_TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** A URL for Spool (`SPOOL_DATABASE_URL`). */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A new, empty database named `spool_<label>_<random>`; `drop()` removes it even with connections left open. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `spool_${label.replace(/[^a-z0-9]/giu, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const again = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
