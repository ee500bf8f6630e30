import { afterEach, describe, expect, it } from 'vitest';
import { createLeadership } from '../../../src/app/leadership.ts';
import type { Part } from '../../../src/app/lifecycle.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { recordingLog } from '../../support/scheduler.ts';
import { fixedClock } from '../../support/posts.ts';

const open: Db[] = [];
const parts: Part[] = [];
afterEach(async () => {
  for (const part of parts.splice(0)) await part.stop();
  for (const db of open.splice(0)) db.close();
});

function world() {
  const db = openDatabase(':memory:');
  open.push(db);
  return createSqliteStores(db, fixedClock());
}

/** A part that records whether it runs. */
function runner(name: string, log: string[]) {
  return (): Part => {
    log.push(`${name} started`);
    return { name, stop: () => void log.push(`${name} stopped`) };
  };
}

describe('per-role leadership', () => {
  it('two replicas leading one role → only one runs it; when it stops, the other takes the role at its next check', async () => {
    const stores = world();
    const events: string[] = [];
    const clock = fixedClock('2026-11-23T09:00:00Z');
    const a = createLeadership({ leases: stores.leases, clock, log: recordingLog(), checkEveryMs: 20 }).lead('poll rss', runner('a', events));
    await expect.poll(() => events).toEqual(['a started']);
    const b = createLeadership({ leases: stores.leases, clock, log: recordingLog(), checkEveryMs: 20 }).lead('poll rss', runner('b', events));
    parts.push(b);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual(['a started']);
    await a.stop();
    await expect.poll(() => events).toEqual(['a started', 'a stopped', 'b started']);
  });

  it('a holder that stops renewing (frozen, or on a host that vanished) → taken over after the stale time, and it steps down when it wakes', async () => {
    const stores = world();
    const events: string[] = [];
    const frozen = fixedClock('2026-11-23T09:00:00Z');
    const log = recordingLog();
    const a = createLeadership({ leases: stores.leases, clock: frozen, log, checkEveryMs: 20, staleAfterMs: 15_000 }).lead('poll x', runner('a', events));
    parts.push(a);
    await expect.poll(() => events).toEqual(['a started']);
    const later = fixedClock('2026-11-23T09:00:10Z');
    const b = createLeadership({ leases: stores.leases, clock: later, log: recordingLog(), checkEveryMs: 20, staleAfterMs: 15_000 }).lead(
      'poll x',
      runner('b', events),
    );
    parts.push(b);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual(['a started']); // renewed 10 s ago: not stale yet
    later.set('2026-11-23T09:00:16Z');
    await expect.poll(() => events).toEqual(['a started', 'b started', 'a stopped']);
    expect(log.lines.some((l) => l.msg === 'leadership: stepping down')).toBe(true);
  });

  it('a part that fails to start → the role is given up and taken again at a later check', async () => {
    const stores = world();
    let tries = 0;
    const part = createLeadership({ leases: stores.leases, clock: fixedClock(), log: recordingLog(), checkEveryMs: 20 }).lead('telegram updates', () => {
      tries++;
      if (tries < 3) throw new Error('Telegram is down');
      return { name: 'bot', stop: () => undefined };
    });
    parts.push(part);
    await expect.poll(() => tries).toBe(3);
    expect((await stores.leases.holder('telegram updates'))?.pid).toBe(process.pid);
  });
});
