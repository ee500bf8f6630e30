import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock, LeaseHolder, LeaseStore } from '../core/index.ts';

/** The role one `spool start` holds per database. */
export const SERVICE_ROLE = 'service';
/** A holder renews this often… */
export const RENEW_EVERY_MS = 10_000;
/** …and is stale (crashed, frozen, killed) once it has not renewed for this long. */
export const STALE_AFTER_MS = 30_000;

/** Another live service holds the database: exit 2 with this sentence. */
export class ServiceHeldError extends Error {
  override readonly name = 'ServiceHeldError';
  constructor(
    readonly holder: LeaseHolder,
    database: string,
  ) {
    const since = holder.startedAt.toISOString().replace(/\.\d+Z$/u, 'Z');
    super(
      `another Spool service already runs on ${database} (pid ${holder.pid} on ${holder.host}, since ${since}); stop it first, or give this one another --db`,
    );
  }
}

/** True when the process could not be asked: on this host, a pid that no longer exists. */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A holder that stopped renewing, or (on this host) whose process is gone, may be taken over. */
export function isStale(holder: LeaseHolder, now: Date, host: string = hostname(), staleAfterMs: number = STALE_AFTER_MS): boolean {
  if (now.getTime() - holder.renewedAt.getTime() > staleAfterMs) return true;
  return holder.host === host && holder.pid !== process.pid && processGone(holder.pid);
}

export interface HeldService {
  readonly holder: LeaseHolder;
  /** Whoever took it over (a stale holder of this database), so start-up can say so. */
  readonly tookOverFrom: LeaseHolder | undefined;
  /** Renews until stopped; `onLost` runs if another process took the lease meanwhile. */
  keepAlive(onLost: () => void): void;
  release(): Promise<void>;
}

/**
 * Claims the service role of a database for this process, or throws ServiceHeldError naming the live
 * holder. CLI reads, imports and `send-digests` take no lease: they work beside a running service.
 */
export async function claimService(leases: LeaseStore, clock: Clock, database: string): Promise<HeldService> {
  const now = clock.now();
  const holder: LeaseHolder = { owner: randomUUID(), pid: process.pid, host: hostname(), startedAt: now, renewedAt: now };
  const current = await leases.holder(SERVICE_ROLE);
  if (current && !isStale(current, now)) throw new ServiceHeldError(current, database);
  if (!(await leases.take(SERVICE_ROLE, holder, current?.owner))) {
    // Another start won the race for a stale lease in the same instant.
    throw new ServiceHeldError((await leases.holder(SERVICE_ROLE)) ?? holder, database);
  }
  let timer: NodeJS.Timeout | undefined;
  return {
    holder,
    tookOverFrom: current,
    keepAlive(onLost) {
      timer = setInterval(() => {
        leases.renew(SERVICE_ROLE, holder.owner, clock.now()).then(
          (held) => {
            if (held) return;
            clearInterval(timer);
            onLost();
          },
          // A failed renewal (the database busy for a moment) is retried at the next beat; staleness needs 30 s.
          () => undefined,
        );
      }, RENEW_EVERY_MS);
      timer.unref();
    },
    async release() {
      clearInterval(timer);
      await leases.release(SERVICE_ROLE, holder.owner);
    },
  };
}
