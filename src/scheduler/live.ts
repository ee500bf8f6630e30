import { createHash } from 'node:crypto';
import {
  composeDigest,
  matchesSettings,
  sameTarget,
  type ChatPlatform,
  type ClaimInput,
  type DeliveryTarget,
  type StoredThread,
  type Subscription,
} from '../core/index.ts';
import { candidateThreads, subjectOf } from './candidates.ts';
import { deliverItem, type DeliveryDeps, type ItemResult } from './deliver.ts';
import { isOwed } from './plan.ts';

/**
 * Live subscriptions (`/subscribe xinjiang live min:3`): no digest periods; each thread is delivered
 * on its own as soon as it qualifies (new or grown to the subscription's minimum, through its
 * filters), once, and at most `perHour` live deliveries an hour to the chat, whatever subscriptions
 * they come from.
 *
 * Each thread is one ledger row, period `L` + a hash of the thread id: the ledger's exactly-once per
 * (subscription, period) makes it "once per thread" across restarts and schedulers sharing a database.
 * A thread held back by the cap waits for the next hour, as long as it changed within the lookback.
 */
export const LIVE_LOOKBACK_MS = 6 * 3_600_000;
const HOUR_MS = 3_600_000;
const CANDIDATES = 50;

/** The ledger period of one thread of a live subscription: 13 characters, stable, and short enough for a nonce. */
export function livePeriod(threadId: string): string {
  return `L${createHash('sha256').update(threadId).digest('hex').slice(0, 12)}`;
}

/** Every live subscription of one chat (and topic), in id order. */
export interface LiveWork {
  readonly target: DeliveryTarget;
  readonly subscriptions: Subscription[];
}

export function planLive(subscriptions: readonly Subscription[], platforms: ReadonlySet<ChatPlatform>): Map<ChatPlatform, LiveWork[]> {
  const byPlatform = new Map<ChatPlatform, LiveWork[]>();
  for (const subscription of subscriptions) {
    if (subscription.pausedAt || subscription.schedule.kind !== 'live' || !platforms.has(subscription.target.platform)) continue;
    const list = byPlatform.get(subscription.target.platform) ?? [];
    const work = list.find((w) => sameTarget(w.target, subscription.target));
    if (work) work.subscriptions.push(subscription);
    else list.push({ target: subscription.target, subscriptions: [subscription] });
    byPlatform.set(subscription.target.platform, list);
  }
  return byPlatform;
}

/** Delivers what one chat's live subscriptions owe, within its hourly cap. */
export async function deliverLive(work: LiveWork, deps: DeliveryDeps, tally: (result: ItemResult, messages: number) => void): Promise<void> {
  const now = deps.clock.now();
  let used = await deps.ledger.liveDeliveriesSince(work.target, new Date(now.getTime() - HOUR_MS));
  for (const subscription of [...work.subscriptions].sort((a, b) => a.id - b.id)) {
    const cap = subscription.schedule.kind === 'live' ? subscription.schedule.perHour : 0;
    if (used >= cap) continue;
    const since = new Date(Math.max(subscription.createdAt.getTime(), now.getTime() - LIVE_LOOKBACK_MS));
    const threads = (await candidateThreads(subscription, { since, until: now, limit: CANDIDATES }, deps)).filter((t) => matchesSettings(t, subscription));
    for (const thread of threads) {
      if (used >= cap || deps.isStopping()) break;
      const period = livePeriod(thread.id);
      const entry = await deps.ledger.get(subscription.id, period);
      if (entry && !isOwed(entry, deps.check)) continue;
      const { result, messages } = await deliverItem({ subscription, period: { key: period, fireAt: now } }, work.target, deps, async () =>
        liveDigest(subscription, thread, period, since, now, deps),
      );
      tally(result, messages);
      if (result === 'gone') return;
      if (result !== 'skipped') used++;
    }
  }
}

async function liveDigest(subscription: Subscription, thread: StoredThread, period: string, since: Date, until: Date, deps: DeliveryDeps): Promise<ClaimInput> {
  const digest = composeDigest({
    tag: subscription.tag,
    subject: subjectOf(subscription),
    threads: [thread],
    since,
    until,
    links: deps.policy.links,
    live: true,
  });
  return { subscriptionId: subscription.id, period, since, until, digest, threadIds: [thread.id] };
}
