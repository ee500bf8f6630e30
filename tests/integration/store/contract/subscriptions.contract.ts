import { describe, expect, it } from 'vitest';
import { composeDigest, type ClaimInput, type DeliveryTarget, type Stores } from '../../../../src/core/index.ts';
import { openWith, type ContractEngine } from './engine.ts';

const tg = (chatId: string, topicId?: string): DeliveryTarget => ({ platform: 'telegram', chatId, topicId });
const daily = { kind: 'daily', time: '09:00', zone: 'UTC' } as const;

async function add(stores: Stores, target: DeliveryTarget, tag: string) {
  const added = await stores.subscriptions.add({ target, tag, schedule: daily }, { maxPerChat: 25 });
  if (!added.ok) throw new Error(added.failure.code);
  return added.value.subscription;
}

export function claimInput(subscriptionId: number, threadIds: string[] = ['x:1'], period = '2026-11-23'): ClaimInput {
  const since = new Date('2026-11-22T09:00:00Z');
  const until = new Date('2026-11-23T09:00:00Z');
  return { subscriptionId, period, since, until, digest: composeDigest({ tag: 't', threads: [], since, until }), threadIds };
}

/** Subscriptions and the delivery ledger: derived from tests/store/subscriptions.test.ts and tests/scheduler/. */
export function subscriptionContract(engine: ContractEngine): void {
  const stores = () => openWith(engine, '2026-11-23T09:00:00Z');

  describe(`${engine.name} store contract: subscriptions`, () => {
    it('add → stored with its schedule and filters; the same again → subscription.exists; find and list see it', async () => {
      const s = await stores();
      const added = await s.subscriptions.add(
        { target: tg('-1', '7'), tag: 'a', schedule: { kind: 'cron', expression: '0 9 * * 1', zone: 'Europe/Oslo' }, lang: 'fr', minPosts: 3 },
        { maxPerChat: 25 },
      );
      expect(added).toMatchObject({ ok: true, value: { renewed: false } });
      const sub = added.ok ? added.value.subscription : undefined;
      expect(sub).toEqual({
        id: sub?.id,
        target: tg('-1', '7'),
        tag: 'a',
        schedule: { kind: 'cron', expression: '0 9 * * 1', zone: 'Europe/Oslo' },
        lang: 'fr',
        langs: ['fr'],
        minPosts: 3,
        require: [],
        exclude: [],
        muted: [],
        createdAt: new Date('2026-11-23T09:00:00Z'),
        pausedAt: undefined,
        pausedReason: undefined,
      });
      expect(await s.subscriptions.add({ target: tg('-1', '7'), tag: 'a', schedule: daily }, { maxPerChat: 25 })).toEqual({
        ok: false,
        failure: { code: 'subscription.exists', tag: 'a' },
      });
      expect(await s.subscriptions.find(tg('-1', '7'), 'a')).toEqual(sub);
      expect(await s.subscriptions.find(tg('-1'), 'a')).toBeUndefined();
      expect(await s.subscriptions.list({ platform: 'telegram', chatId: '-1' })).toEqual([sub]);
    });

    it('the cap counts every topic of a chat; the same tag in another topic is another subscription', async () => {
      const s = await stores();
      await add(s, tg('-1'), 'a');
      await add(s, tg('-1', '7'), 'a');
      const third = await s.subscriptions.add({ target: tg('-1', '8'), tag: 'b', schedule: daily }, { maxPerChat: 2 });
      expect(third).toEqual({ ok: false, failure: { code: 'subscription.limit', limit: 2 } });
      expect((await s.subscriptions.find(tg('-1', '7'), 'a'))?.target).toEqual(tg('-1', '7'));
    });

    it('many adds to one chat at once → never past the cap', async () => {
      const s = await stores();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => s.subscriptions.add({ target: tg('-5'), tag: `t${i}`, schedule: daily }, { maxPerChat: 3 })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(await s.subscriptions.list({ platform: 'telegram', chatId: '-5' })).toHaveLength(3);
    });

    it('the per-person cap counts a creator’s active subscriptions across chats; the global cap counts distinct followed tags', async () => {
      const s = await stores();
      const limits = { maxPerChat: 25, maxPerUser: 2, maxFollowedTags: 3 };
      const by = (chatId: string, tag: string, createdBy: string) => s.subscriptions.add({ target: tg(chatId), tag, schedule: daily, createdBy }, limits);
      expect(await by('-1', 'a', 'telegram:7')).toMatchObject({ ok: true });
      expect(await by('-2', 'b', 'telegram:7')).toMatchObject({ ok: true });
      expect(await by('-3', 'c', 'telegram:7')).toEqual({ ok: false, failure: { code: 'subscription.user-limit', limit: 2 } });
      expect(await by('-3', 'c', 'telegram:8')).toMatchObject({ ok: true });
      // Three tags are followed: a fourth is refused, one already followed is not.
      expect(await by('-4', 'd', 'telegram:9')).toEqual({ ok: false, failure: { code: 'subscription.tag-limit', limit: 3 } });
      expect(await by('-4', 'a', 'telegram:9')).toMatchObject({ ok: true });
      // A paused subscription counts for neither cap, and renewing it must pass them again.
      const [onlyC] = await s.subscriptions.list({ platform: 'telegram', chatId: '-3' });
      await s.subscriptions.pause(onlyC?.id ?? 0, 'blocked', new Date('2026-11-23T10:00:00Z'));
      expect(await by('-4', 'd', 'telegram:9')).toMatchObject({ ok: true });
      expect(await by('-3', 'c', 'telegram:8')).toEqual({ ok: false, failure: { code: 'subscription.tag-limit', limit: 3 } });
    });

    it('a paused subscription added again → renewed: new schedule, pause cleared, the clock restarted', async () => {
      const s = await stores();
      const sub = await add(s, tg('-1'), 'a');
      await s.subscriptions.pause(sub.id, 'gone', s.clock.now());
      expect(await s.subscriptions.list({ activeOnly: true })).toEqual([]);
      s.clock.set('2026-11-24T10:00:00Z');
      const renewed = await s.subscriptions.add({ target: tg('-1'), tag: 'a', schedule: { kind: 'daily', time: '18:30', zone: 'UTC' } }, { maxPerChat: 25 });
      expect(renewed).toMatchObject({ ok: true, value: { renewed: true, subscription: { id: sub.id, schedule: { time: '18:30' }, pausedAt: undefined } } });
      expect(renewed.ok && renewed.value.subscription.createdAt).toEqual(new Date('2026-11-24T10:00:00Z'));
    });

    it('pauseChat pauses every topic of the chat and says how many; list filters by chat and by activity', async () => {
      const s = await stores();
      await add(s, tg('-1'), 'a');
      await add(s, tg('-1', '3'), 'b');
      const other = await add(s, tg('-2'), 'a');
      expect(await s.subscriptions.pauseChat('telegram', '-1', 'Forbidden: bot was kicked', s.clock.now())).toBe(2);
      expect(await s.subscriptions.pauseChat('telegram', '-1', 'again', s.clock.now())).toBe(0);
      expect((await s.subscriptions.list({ activeOnly: true })).map((x) => x.id)).toEqual([other.id]);
      const paused = await s.subscriptions.list({ platform: 'telegram', chatId: '-1' });
      expect(paused.map((x) => x.pausedReason)).toEqual(['Forbidden: bot was kicked', 'Forbidden: bot was kicked']);
      expect(paused[0]?.pausedAt).toEqual(new Date('2026-11-23T09:00:00Z'));
      expect(await s.subscriptions.list()).toHaveLength(3);
    });

    it('moveChat moves every subscription; one the new chat already has stays and the old one goes', async () => {
      const s = await stores();
      await add(s, tg('-1'), 'a');
      await add(s, tg('-1'), 'b');
      await add(s, tg('-100'), 'b');
      expect(await s.subscriptions.moveChat('telegram', '-1', '-100')).toBe(1);
      expect((await s.subscriptions.list()).map((x) => `${x.target.chatId}:${x.tag}`).sort()).toEqual(['-100:a', '-100:b']);
    });

    it('remove → returns what was removed and its ledger rows go with it; followedTags lists active tags once', async () => {
      const s = await stores();
      const a = await add(s, tg('-1'), 'a');
      await add(s, tg('-2'), 'a');
      const c = await add(s, tg('-3'), 'c');
      await s.ledger.claim(claimInput(a.id), 'p', new Date(s.clock.now().getTime() + 1000), undefined);
      await s.subscriptions.pause(c.id, 'gone', s.clock.now());
      expect(await s.subscriptions.followedTags()).toEqual(['a']);
      expect(await s.subscriptions.remove(a.id)).toMatchObject({ id: a.id, tag: 'a' });
      expect(await s.subscriptions.remove(a.id)).toBeUndefined();
      expect(await s.ledger.get(a.id, '2026-11-23')).toBeUndefined();
    });
  });

  describe(`${engine.name} store contract: delivery ledger`, () => {
    it('claim is a compare-and-set: a second claim of the same row, or a stale retry, gets nothing', async () => {
      const s = await stores();
      const sub = await add(s, tg('-1'), 'a');
      const lease = new Date(s.clock.now().getTime() + 60_000);
      const first = await s.ledger.claim(claimInput(sub.id), 'p1', lease, undefined);
      expect(first).toMatchObject({ state: 'sending', attempts: 1, owner: 'p1', leaseUntil: lease, threadIds: ['x:1'], period: '2026-11-23' });
      expect(first?.digest).toEqual(claimInput(sub.id).digest);
      expect(await s.ledger.claim(claimInput(sub.id), 'p2', lease, undefined)).toBeUndefined();
      const taken = await s.ledger.claim(claimInput(sub.id), 'p2', lease, first);
      expect(taken).toMatchObject({ attempts: 2, owner: 'p2' });
      expect(await s.ledger.claim(claimInput(sub.id), 'p3', lease, first)).toBeUndefined();
      expect(await s.ledger.settle(first!, { state: 'sent', messages: 1 }, s.clock.now())).toBe(false);
      expect(await s.ledger.settle(taken!, { state: 'sent', messages: 2 }, s.clock.now())).toBe(true);
      expect(await s.ledger.get(sub.id, '2026-11-23')).toMatchObject({
        state: 'sent',
        messages: 2,
        digest: undefined,
        owner: undefined,
        sentAt: s.clock.now(),
      });
      expect(await s.ledger.claim(claimInput(sub.id), 'p4', lease, await s.ledger.get(sub.id, '2026-11-23'))).toBeUndefined();
    });

    it('ten claims of one row at the same moment → exactly one wins, first claims and takeovers alike', async () => {
      const s = await stores();
      const sub = await add(s, tg('-1'), 'a');
      const lease = new Date(s.clock.now().getTime() + 60_000);
      const firsts = await Promise.all(Array.from({ length: 10 }, (_, i) => s.ledger.claim(claimInput(sub.id), `p${i}`, lease, undefined)));
      const winner = firsts.filter((e) => e !== undefined);
      expect(winner).toHaveLength(1);
      const takeovers = await Promise.all(Array.from({ length: 10 }, (_, i) => s.ledger.claim(claimInput(sub.id), `q${i}`, lease, winner[0])));
      expect(takeovers.filter((e) => e !== undefined)).toHaveLength(1);
      expect(await s.ledger.get(sub.id, '2026-11-23')).toMatchObject({ attempts: 2 });
    });

    it('failed → the error and next attempt are kept; a late confirmation still marks it sent; a late failure does not overwrite it', async () => {
      const s = await stores();
      const sub = await add(s, tg('-1'), 'a');
      const entry = (await s.ledger.claim(claimInput(sub.id), 'p1', new Date(s.clock.now().getTime() + 60_000), undefined))!;
      const retryAt = new Date('2026-11-23T09:05:00Z');
      expect(await s.ledger.settle(entry, { state: 'failed', error: 'no answer', nextAttemptAt: retryAt }, s.clock.now())).toBe(true);
      expect(await s.ledger.get(sub.id, '2026-11-23')).toMatchObject({ state: 'failed', lastError: 'no answer', nextAttemptAt: retryAt, owner: undefined });
      expect(await s.ledger.settle(entry, { state: 'sent', messages: 1 }, s.clock.now())).toBe(true);
      expect(await s.ledger.settle(entry, { state: 'failed', error: 'late', nextAttemptAt: s.clock.now() }, s.clock.now())).toBe(false);
      expect((await s.ledger.get(sub.id, '2026-11-23'))?.state).toBe('sent');
      expect(await s.ledger.lastSentUntil(sub.id)).toEqual(new Date('2026-11-23T09:00:00Z'));
      expect(await s.ledger.lastSentUntil(sub.id + 1000)).toBeUndefined();
    });

    it('lastSentUntil → the end of the latest sent period, not of one still owed', async () => {
      const s = await stores();
      const sub = await add(s, tg('-1'), 'a');
      const lease = new Date(s.clock.now().getTime() + 60_000);
      const first = (await s.ledger.claim(claimInput(sub.id, [], '2026-11-22'), 'p', lease, undefined))!;
      await s.ledger.settle(first, { state: 'sent', messages: 1 }, s.clock.now());
      const second = { ...claimInput(sub.id, [], '2026-11-23'), until: new Date('2026-11-24T09:00:00Z') };
      const owed = (await s.ledger.claim(second, 'p', lease, undefined))!;
      expect(await s.ledger.lastSentUntil(sub.id)).toEqual(new Date('2026-11-23T09:00:00Z'));
      await s.ledger.settle(owed, { state: 'released', error: 'shutdown' }, s.clock.now());
      expect(await s.ledger.get(sub.id, '2026-11-23')).toMatchObject({ state: 'released', lastError: 'shutdown' });
    });

    it('recentThreadIds → the threads of the chat’s other subscriptions in the window, not its own nor other chats’', async () => {
      const s = await stores();
      const a = await add(s, tg('-1'), 'a');
      const b = await add(s, tg('-1'), 'b');
      const other = await add(s, tg('-2'), 'a');
      const lease = new Date(s.clock.now().getTime() + 60_000);
      await s.ledger.claim(claimInput(a.id, ['x:1', 'x:2']), 'p', lease, undefined);
      await s.ledger.claim(claimInput(other.id, ['x:3']), 'p', lease, undefined);
      expect([...(await s.ledger.recentThreadIds(tg('-1'), new Date(0), b.id))].sort()).toEqual(['x:1', 'x:2']);
      expect([...(await s.ledger.recentThreadIds(tg('-1'), new Date(0), a.id))]).toEqual([]);
      expect([...(await s.ledger.recentThreadIds(tg('-1'), new Date(s.clock.now().getTime() + 1), b.id))]).toEqual([]);
    });
  });
}
