import type { CursorStore, LeaseHolder, LeaseStore } from '../../core/index.ts';
import type { Clock } from '../../core/index.ts';
import type { Sql } from './connect.ts';

interface LeaseRow {
  owner: string;
  pid: number;
  host: string;
  started_at: number;
  renewed_at: number;
}

/**
 * Leases in PostgreSQL. `take` is one statement: an insert when the role is free, else an update that
 * only happens while the row's owner is still the one the caller saw (`replacing`). Two replicas that
 * both saw a stale holder race on the row lock; the second re-checks the owner after the first commits
 * and finds it changed, so exactly one takes the role.
 */
export function createPostgresLeaseStore(sql: Sql): LeaseStore {
  return {
    async holder(role) {
      const [row] = await sql<LeaseRow[]>`SELECT owner, pid, host, started_at, renewed_at FROM service_leases WHERE role = ${role}`;
      return row && { owner: row.owner, pid: row.pid, host: row.host, startedAt: new Date(row.started_at), renewedAt: new Date(row.renewed_at) };
    },
    async take(role, next: LeaseHolder, replacing) {
      const rows = await sql`
        INSERT INTO service_leases (role, owner, pid, host, started_at, renewed_at)
        VALUES (${role}, ${next.owner}, ${next.pid}, ${next.host}, ${next.startedAt.getTime()}, ${next.renewedAt.getTime()})
        ON CONFLICT (role) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host,
          started_at = excluded.started_at, renewed_at = excluded.renewed_at
        WHERE service_leases.owner = ${replacing ?? null}::text
        RETURNING owner`;
      return rows.length === 1;
    },
    async renew(role, owner, at) {
      const rows = await sql`UPDATE service_leases SET renewed_at = ${at.getTime()} WHERE role = ${role} AND owner = ${owner} RETURNING role`;
      return rows.length === 1;
    },
    async release(role, owner) {
      await sql`DELETE FROM service_leases WHERE role = ${role} AND owner = ${owner}`;
    },
  };
}

/** Where each poller stopped, per source and key; written only after the posts it covers were stored. */
export function createPostgresCursorStore(sql: Sql, clock: Clock): CursorStore {
  return {
    async get(source, key) {
      const [row] = await sql<{ value: string }[]>`SELECT value FROM source_cursors WHERE source = ${source} AND key = ${key}`;
      return row?.value;
    },
    async set(source, key, value) {
      await sql`
        INSERT INTO source_cursors (source, key, value, updated_at) VALUES (${source}, ${key}, ${value}, ${clock.now().getTime()})
        ON CONFLICT (source, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;
    },
  };
}
