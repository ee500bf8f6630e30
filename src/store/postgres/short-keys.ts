import type { Clock, KeyStore } from '../../core/index.ts';
import { shortKeyCandidates } from '../short-key-hash.ts';
import type { Sql } from './connect.ts';

/** KeyStore in PostgreSQL: the same keys as SQLite's (short-key-hash.ts), so a copied store keeps its buttons working. */
export function createPostgresKeyStore(sql: Sql, clock: Clock): KeyStore {
  return {
    async remember(value) {
      for (const key of shortKeyCandidates(value)) {
        const [row] = await sql<{ value: string }[]>`
          WITH inserted AS (
            INSERT INTO short_keys (key, value, created_at) VALUES (${key}, ${value}, ${clock.now().getTime()})
            ON CONFLICT (key) DO NOTHING RETURNING value)
          SELECT value FROM inserted UNION ALL SELECT value FROM short_keys WHERE key = ${key}`;
        if (row?.value === value) return key;
      }
      throw new Error('short key collision on 96 bits: not expected to happen');
    },
    async recall(key) {
      const [row] = await sql<{ value: string }[]>`SELECT value FROM short_keys WHERE key = ${key}`;
      return row?.value;
    },
  };
}
