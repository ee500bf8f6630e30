import type { LeaseHolder, LeaseStore } from '../core/index.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';

interface LeaseRow {
  owner: string;
  pid: number;
  host: string;
  started_at: number;
  renewed_at: number;
}

/** Leases in the `service_leases` table; `take` runs in an IMMEDIATE transaction so its check and write are one step. */
export function createSqliteLeaseStore(db: Db): Sync<LeaseStore> {
  const select = db.prepare<{ role: string }, LeaseRow>('SELECT owner, pid, host, started_at, renewed_at FROM service_leases WHERE role = :role');
  const upsert = db.prepare<{ role: string; owner: string; pid: number; host: string; startedAt: number; renewedAt: number }>(`
    INSERT INTO service_leases (role, owner, pid, host, started_at, renewed_at)
    VALUES (:role, :owner, :pid, :host, :startedAt, :renewedAt)
    ON CONFLICT (role) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host,
      started_at = excluded.started_at, renewed_at = excluded.renewed_at`);
  const renew = db.prepare<{ role: string; owner: string; at: number }>('UPDATE service_leases SET renewed_at = :at WHERE role = :role AND owner = :owner');
  const release = db.prepare<{ role: string; owner: string }>('DELETE FROM service_leases WHERE role = :role AND owner = :owner');

  const holder = (role: string): LeaseHolder | undefined => {
    const row = select.get({ role });
    return (
      row && {
        owner: row.owner,
        pid: row.pid,
        host: row.host,
        startedAt: new Date(row.started_at),
        renewedAt: new Date(row.renewed_at),
      }
    );
  };
  const take = db.transaction((role: string, next: LeaseHolder, replacing: string | undefined): boolean => {
    const current = select.get({ role });
    if (current !== undefined && current.owner !== replacing) return false;
    upsert.run({
      role,
      owner: next.owner,
      pid: next.pid,
      host: next.host,
      startedAt: next.startedAt.getTime(),
      renewedAt: next.renewedAt.getTime(),
    });
    return true;
  });

  return {
    holder,
    take: (role, next, replacing) => take.immediate(role, next, replacing),
    renew: (role, owner, at) => renew.run({ role, owner, at: at.getTime() }).changes === 1,
    release: (role, owner) => void release.run({ role, owner }),
  };
}
