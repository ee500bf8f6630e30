import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock, LeaseHolder, LeaseStore, Log } from '../core/index.ts';
import type { Part } from './lifecycle.ts';
import { isStale } from './service-lease.ts';

/** How often a leader renews its roles and a follower looks for a free one. */
export const LEAD_CHECK_EVERY_MS = 5_000;
/** A leader that has not renewed for this long is stale: another replica takes its roles over. */
export const LEAD_STALE_AFTER_MS = 15_000;

export interface LeadershipOptions {
  readonly leases: LeaseStore;
  readonly clock: Clock;
  readonly log: Log;
  readonly checkEveryMs?: number;
  readonly staleAfterMs?: number;
}

/**
 * Per-role leadership for replicas sharing one database: `lead(role, start)` runs the part `start`
 * makes only while this process holds `role` (one poller per source, one long-polling bot), and
 * lets any replica take the role over when its holder dies. A holder renews every `checkEveryMs`; one
 * silent for `staleAfterMs` (or, on this host, whose process is gone) is replaced at the next check, so
 * a role is back within staleAfterMs + checkEveryMs (20 s by default) of its holder's death. A leader
 * that cannot renew (the database unreachable) steps down before it could be stale, so two replicas
 * never run a role at once while both can see the database.
 */
export function createLeadership(options: LeadershipOptions) {
  const { leases, clock, log } = options;
  const checkEveryMs = options.checkEveryMs ?? LEAD_CHECK_EVERY_MS;
  const staleAfterMs = options.staleAfterMs ?? LEAD_STALE_AFTER_MS;
  const owner = randomUUID();
  const startedAt = clock.now();

  function lead(role: string, start: () => Promise<Part> | Part): Part {
    let part: Part | undefined;
    let renewedAt = 0;
    let busy: Promise<void> = Promise.resolve();
    let stopped = false;

    const stepDown = async (why: string): Promise<void> => {
      const running = part;
      part = undefined;
      if (!running) return;
      if (why === 'stopping') log.info({ role }, 'leadership: giving the role up');
      else log.warn({ role, why }, 'leadership: stepping down');
      await Promise.resolve(running.stop()).catch((error: unknown) => log.error({ err: error, role }, 'leadership: stopping the part failed'));
    };

    async function check(): Promise<void> {
      const now = clock.now();
      if (part) {
        const held = await leases.renew(role, owner, now).catch(() => undefined);
        if (held === true) renewedAt = now.getTime();
        else if (held === false) await stepDown('another replica took the role over');
        else if (now.getTime() - renewedAt > (staleAfterMs * 2) / 3) await stepDown('the lease could not be renewed in time');
        return;
      }
      const current = await leases.holder(role);
      if (current && current.owner !== owner && !isStale(current, now, hostname(), staleAfterMs)) return;
      const me: LeaseHolder = { owner, pid: process.pid, host: hostname(), startedAt, renewedAt: now };
      if (!(await leases.take(role, me, current?.owner))) return;
      renewedAt = now.getTime();
      if (current && current.owner !== owner)
        log.warn({ role, from: { pid: current.pid, host: current.host } }, 'leadership: took over a role from a replica that stopped');
      else log.info({ role }, 'leadership: holding the role');
      try {
        part = await start();
      } catch (error) {
        log.error({ err: error, role }, 'leadership: the part did not start; the role is given up');
        await leases.release(role, owner).catch(() => undefined);
      }
      if (stopped) await stepDown('stopping');
    }

    const beat = (): void => {
      busy = busy
        .then(() => (stopped ? undefined : check()))
        .catch((error: unknown) => log.warn({ err: error, role }, 'leadership: check failed; trying again'));
    };
    beat();
    const timer = setInterval(beat, checkEveryMs);
    timer.unref();
    return {
      name: `lead ${role}`,
      async stop() {
        stopped = true;
        clearInterval(timer);
        await busy;
        const held = part !== undefined;
        await stepDown('stopping');
        if (held) await leases.release(role, owner).catch(() => undefined);
      },
    };
  }

  return { owner, lead };
}
