import { describe, expect, it } from 'vitest';
import type { LeaseHolder } from '../../../../src/core/index.ts';
import { makeChain } from '../../../support/posts.ts';
import { recordingLog, recordingPublisher } from '../../../support/scheduler.ts';
import { createScheduler } from '../../../../src/scheduler/index.ts';
import { openWith, type ContractEngine } from './engine.ts';

const holder = (owner: string, at = new Date('2026-11-23T09:00:00Z')): LeaseHolder => ({ owner, pid: 4242, host: 'replica-a', startedAt: at, renewedAt: at });

/** Cursors, leases and two schedulers on one store: what replicas coordinate through. */
export function coordinationContract(engine: ContractEngine): void {
  const stores = (start?: string) => openWith(engine, start);

  describe(`${engine.name} store contract: cursors`, () => {
    it('a cursor → undefined until set, then the last value written, per source and key', async () => {
      const s = await stores();
      expect(await s.cursors.get('x', '#xinjiang')).toBeUndefined();
      await s.cursors.set('x', '#xinjiang', '100');
      await s.cursors.set('x', '#xinjiang', '200');
      await s.cursors.set('mastodon', '#xinjiang', 'abc');
      expect(await s.cursors.get('x', '#xinjiang')).toBe('200');
      expect(await s.cursors.get('mastodon', '#xinjiang')).toBe('abc');
      expect(await s.cursors.get('x', '#china')).toBeUndefined();
    });
  });

  describe(`${engine.name} store contract: leases`, () => {
    it('take a free role → held, with its holder; another owner cannot take it without naming the holder', async () => {
      const s = await stores();
      expect(await s.leases.holder('poll a')).toBeUndefined();
      expect(await s.leases.take('poll a', holder('one'), undefined)).toBe(true);
      expect(await s.leases.holder('poll a')).toEqual(holder('one'));
      expect(await s.leases.take('poll a', holder('two'), undefined)).toBe(false);
      expect(await s.leases.take('poll a', holder('two'), 'someone-else')).toBe(false);
      expect(await s.leases.take('poll b', holder('two'), undefined)).toBe(true);
    });

    it('renew → true while held, false once another took it over; release only by the holder', async () => {
      const s = await stores();
      await s.leases.take('role', holder('one'), undefined);
      const later = new Date('2026-11-23T09:00:10Z');
      expect(await s.leases.renew('role', 'one', later)).toBe(true);
      expect((await s.leases.holder('role'))?.renewedAt).toEqual(later);
      expect(await s.leases.take('role', holder('two'), 'one')).toBe(true);
      expect(await s.leases.renew('role', 'one', later)).toBe(false);
      await s.leases.release('role', 'one');
      expect((await s.leases.holder('role'))?.owner).toBe('two');
      await s.leases.release('role', 'two');
      expect(await s.leases.holder('role')).toBeUndefined();
    });

    it('five replicas taking over the same stale holder at once → exactly one wins', async () => {
      const s = await stores();
      await s.leases.take('role', holder('dead'), undefined);
      const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((owner) => s.leases.take('role', holder(owner), 'dead')));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(['a', 'b', 'c', 'd', 'e']).toContain((await s.leases.holder('role'))?.owner);
    });
  });

  describe(`${engine.name} store contract: replicas`, () => {
    it('two schedulers on one store running the same due period at once → each digest is published once', async () => {
      const s = await stores('2026-11-22T12:00:00Z');
      for (let i = 0; i < 30; i++) {
        const added = await s.subscriptions.add(
          { target: { platform: 'telegram', chatId: String(-100 - i) }, tag: 'xinjiang', schedule: { kind: 'daily', time: '09:00', zone: 'UTC' } },
          { maxPerChat: 25 },
        );
        expect(added.ok).toBe(true);
      }
      s.clock.set('2026-11-23T08:00:00Z');
      await s.posts.ingest(makeChain('a', 2));
      s.clock.set('2026-11-23T09:00:00Z');
      const publisher = recordingPublisher('discord');
      const telegram = { ...publisher, platform: 'telegram' as const, pacing: { concurrency: 5 } };
      const scheduler = (owner: string) =>
        createScheduler({
          subscriptions: s.subscriptions,
          ledger: s.ledger,
          threads: s.threads,
          publishers: [telegram],
          clock: s.clock,
          log: recordingLog(),
          owner,
          ownerAlive: () => true,
          config: { maxThreads: 10, sendWhenEmpty: false },
        });
      const [one, two] = await Promise.all([scheduler('one').runOnce(s.clock.now()), scheduler('two').runOnce(s.clock.now())]);
      expect(one.sent + two.sent).toBe(30);
      expect(publisher.captured).toHaveLength(30);
      expect(new Set(publisher.captured.map((d) => d.target.chatId)).size).toBe(30);
    });
  });
}
