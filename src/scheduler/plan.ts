import {
  latestPeriod,
  nextPeriod,
  sameTarget,
  type ChatPlatform,
  type DeliveryLedger,
  type DeliveryTarget,
  type LedgerEntry,
  type Period,
  type Subscription,
} from '../core/index.ts';

/** `due`: periods whose time has come and that are not delivered. `all`: also the next period of every subscription, early. */
export type RunMode = 'due' | 'all';

export interface WorkItem {
  readonly subscription: Subscription;
  readonly period: Period;
}

/** All the owed digests of one destination, in subscription order: delivered one after another. */
export interface TargetWork {
  readonly target: DeliveryTarget;
  readonly items: WorkItem[];
}

export interface OwedCheck {
  readonly now: Date;
  readonly owner: string;
  /** Ignore retry backoff (`--all`). */
  readonly eager: boolean;
  /** Whether the holder of a `sending` row may still be working on it (a crashed holder is not). */
  ownerAlive(owner: string): boolean;
}

/** Whether a ledger row (or its absence) means the digest is still owed and free to take now. */
export function isOwed(entry: LedgerEntry | undefined, check: OwedCheck): boolean {
  if (!entry) return true;
  switch (entry.state) {
    case 'sent':
    case 'gone':
    case 'abandoned':
      return false;
    case 'released':
      return true;
    case 'failed':
      return check.eager || (entry.nextAttemptAt?.getTime() ?? 0) <= check.now.getTime();
    case 'sending':
      if (entry.owner === check.owner) return false;
      if ((entry.leaseUntil?.getTime() ?? 0) <= check.now.getTime()) return true;
      return entry.owner === undefined || !check.ownerAlive(entry.owner);
  }
}

/**
 * What is owed at `now`, grouped per destination and per platform. The period of a subscription is
 * the latest one that has fired since it was created; with `all`, a subscription with nothing
 * overdue gets its next period now (and not again when that period comes).
 */
export async function planRun(
  subscriptions: readonly Subscription[],
  ledger: Pick<DeliveryLedger, 'get'>,
  mode: RunMode,
  check: OwedCheck,
  platforms: ReadonlySet<ChatPlatform>,
): Promise<Map<ChatPlatform, TargetWork[]>> {
  const byPlatform = new Map<ChatPlatform, TargetWork[]>();
  const byTarget = new Map<string, TargetWork>();
  const memo: PeriodMemo = new Map();
  for (const subscription of subscriptions) {
    // Live subscriptions have no periods: live.ts delivers them thread by thread.
    if (subscription.pausedAt || !platforms.has(subscription.target.platform) || subscription.schedule.kind === 'live') continue;
    const period = await owedPeriod(subscription, ledger, mode, check, memo);
    if (!period) continue;
    const { target } = subscription;
    const key = `${target.platform}\u0000${target.chatId}\u0000${target.topicId ?? ''}`;
    let work = byTarget.get(key);
    if (!work || !sameTarget(work.target, target)) {
      work = { target, items: [] };
      byTarget.set(key, work);
      const list = byPlatform.get(target.platform) ?? [];
      list.push(work);
      byPlatform.set(target.platform, list);
    }
    work.items.push({ subscription, period });
  }
  for (const list of byPlatform.values()) for (const work of list) work.items.sort((a, b) => a.subscription.id - b.subscription.id);
  return byPlatform;
}

interface Periods {
  readonly latest: Period | undefined;
  /** Only `all` runs need it: worked out on first use (luxon's zone arithmetic is not free). */
  next(): Period | undefined;
}
type PeriodMemo = Map<string, Periods>;

/** Thousands of subscriptions share a few schedules: each schedule's periods are worked out once per run. */
function periodsOf(subscription: Subscription, now: Date, memo: PeriodMemo) {
  const { schedule } = subscription;
  const key = `${schedule.kind === 'daily' ? schedule.time : schedule.kind === 'cron' ? schedule.expression : 'live'}\u0000${schedule.zone}`;
  let periods = memo.get(key);
  if (!periods) {
    let next: { value: Period | undefined } | undefined;
    periods = {
      latest: latestPeriod(schedule, now),
      next: () => (next ??= { value: nextPeriod(schedule, now) }).value,
    };
    memo.set(key, periods);
  }
  return periods;
}

async function owedPeriod(
  subscription: Subscription,
  ledger: Pick<DeliveryLedger, 'get'>,
  mode: RunMode,
  check: OwedCheck,
  memo: PeriodMemo,
): Promise<Period | undefined> {
  const periods = periodsOf(subscription, check.now, memo);
  // A new subscription owes nothing for a time before it existed.
  const latest = periods.latest && periods.latest.fireAt >= subscription.createdAt ? periods.latest : undefined;
  const entry = latest && (await ledger.get(subscription.id, latest.key));
  if (latest && isOwed(entry, check)) return latest;
  // Early delivery only when the current period is settled: never beside one still in flight elsewhere.
  if (mode !== 'all' || (latest && entry?.state !== 'sent')) return undefined;
  const next = periods.next();
  if (next && isOwed(await ledger.get(subscription.id, next.key), check)) return next;
  return undefined;
}
