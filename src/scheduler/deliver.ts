import {
  composeDigest,
  curateDigest,
  DEFAULT_CHAT_SETTINGS,
  DEFAULT_CURATION,
  foldLanguages,
  type CurationPolicy,
  presentationOf,
  withholdFor,
  type ChatSettingsStore,
  type Presentation,
  hasFilters,
  idempotencyKey,
  matchesSettings,
  type ClaimInput,
  type Clock,
  type DeliveryLedger,
  type DeliveryOutcome,
  type DeliveryTarget,
  type DigestPublisher,
  type LedgerEntry,
  type LinkOptions,
  type Log,
  type SubscriptionLifecycle,
} from '../core/index.ts';
import { candidateThreads, subjectOf, type CandidateSources } from './candidates.ts';
import type { SendGate } from './pacer.ts';
import { isOwed, type OwedCheck, type TargetWork, type WorkItem } from './plan.ts';

export interface DeliveryPolicy {
  readonly maxThreads: number;
  readonly sendWhenEmpty: boolean;
  readonly links?: LinkOptions | undefined;
  /** Attempts before a subscription is paused (`abandoned`). */
  readonly maxAttempts: number;
  /** Wait before retry `attempt` (1-based) when the platform named no time. */
  backoffMs(attempt: number): number;
  /** How long a claim holds a row; a crashed holder's rows are free after it (or at once when its process is gone). */
  readonly leaseMs: number;
  /** A publish that has not answered by then counts as failed (a late `sent` is still recorded). */
  readonly publishTimeoutMs: number;
  /** The first digest of a subscription looks back this far. */
  readonly firstWindowMs: number;
  /** The spam rules and the copy window (core/curate.ts); the defaults when absent. */
  readonly curation?: CurationPolicy | undefined;
}

export interface DeliveryDeps extends CandidateSources {
  readonly ledger: DeliveryLedger;
  readonly lifecycle: SubscriptionLifecycle;
  readonly chatSettings?: Pick<ChatSettingsStore, 'get'> | undefined;
  readonly publisher: DigestPublisher;
  readonly clock: Clock;
  readonly log: Log;
  readonly policy: DeliveryPolicy;
  readonly check: OwedCheck;
  /** Rows being sent right now, so that a shutdown can release what did not finish. */
  readonly inFlight: Set<LedgerEntry>;
  /** This platform's send gate (see pacer.ts). */
  readonly gate: SendGate;
  isStopping(): boolean;
}

export type ItemResult = 'sent' | 'empty' | 'failed' | 'gone' | 'abandoned' | 'skipped';

const DAY_MS = 86_400_000;
/** How far back a chat's memory of a thread goes: a thread last sent longer ago shows as it is, not as "+N since". */
const SEEN_LOOKBACK_MS = 30 * DAY_MS;
/** With filters beyond the store's, candidates are read generously so that enough pass them. */
const FILTERED_READ_FACTOR = 5;
const MAX_CANDIDATES = 500;

/** What a delivery sends for one period: built once, kept in the ledger, sent again unchanged on a retry. */
export type Prepare = (item: WorkItem, target: DeliveryTarget, deps: DeliveryDeps) => Promise<ClaimInput>;

/** Delivers one destination's owed digests one after another; a `gone` chat stops the rest. */
export async function deliverTarget(work: TargetWork, deps: DeliveryDeps, tally: (result: ItemResult, messages: number) => void): Promise<void> {
  let target = work.target;
  for (const item of work.items) {
    if (deps.isStopping()) return;
    const { result, messages, movedTo } = await deliverItem(item, target, deps);
    tally(result, messages);
    if (result === 'gone') return;
    if (movedTo !== undefined) target = { ...target, chatId: movedTo };
  }
}

export async function deliverItem(
  item: WorkItem,
  target: DeliveryTarget,
  deps: DeliveryDeps,
  prepareDigest: Prepare = prepare,
): Promise<{ result: ItemResult; messages: number; movedTo?: string }> {
  const { ledger, policy, clock, subscription } = { ...deps, subscription: item.subscription };
  const existing = await ledger.get(subscription.id, item.period.key);
  if (!isOwed(existing, deps.check)) return { result: 'skipped', messages: 0 };
  const leaseUntil = new Date(clock.now().getTime() + policy.leaseMs);
  const entry = existing?.digest
    ? await ledger.claim({ ...existing, digest: existing.digest }, deps.check.owner, leaseUntil, existing)
    : await ledger.claim(await prepareDigest(item, target, deps), deps.check.owner, leaseUntil, undefined);
  if (!entry?.digest) return { result: 'skipped', messages: 0 };

  if (entry.digest.items.length === 0 && !policy.sendWhenEmpty) {
    await ledger.settle(entry, { state: 'sent', messages: 0 }, clock.now());
    return { result: 'empty', messages: 0 };
  }
  deps.inFlight.add(entry);
  const recorded = await deps.gate.acquire();
  if (deps.isStopping()) {
    // Stopped while waiting for the gate: nothing was sent, so the row is simply left for the next run.
    recorded();
    deps.inFlight.delete(entry);
    await releaseQuietly(entry, deps);
    return { result: 'skipped', messages: 0 };
  }
  try {
    const presentation = await chatPresentationOf(target, deps);
    const outcome = await publishWithin(
      deps,
      { target, digest: entry.digest, idempotencyKey: idempotencyKey(subscription.id, item.period.key), sendWhenEmpty: policy.sendWhenEmpty, presentation },
      entry,
    );
    return await settle(entry, outcome, item, target, deps);
  } finally {
    recorded();
    deps.inFlight.delete(entry);
  }
}

/** How the chat wants its digests shown; a settings store that fails must not stop delivery (defaults then). */
async function chatPresentationOf(target: DeliveryTarget, deps: DeliveryDeps): Promise<Presentation> {
  try {
    const settings = deps.chatSettings ? await deps.chatSettings.get({ platform: target.platform, chatId: target.chatId }) : DEFAULT_CHAT_SETTINGS;
    return presentationOf(settings, undefined);
  } catch (error) {
    deps.log.warn({ err: error, chat: target.chatId }, 'chat settings unreadable: the digest goes out with the defaults');
    return presentationOf(DEFAULT_CHAT_SETTINGS, undefined);
  }
}

/**
 * The digest of one period: what changed since the last delivered one, through the subscription's
 * filters and the chat's settings, minus what the chat already got today, curated (core/curate.ts);
 * a thread the chat saw before shows what is new since then ("+6 posts since Tuesday").
 */
async function prepare(item: WorkItem, target: DeliveryTarget, deps: DeliveryDeps): Promise<ClaimInput> {
  const { subscription, period } = item;
  const until = deps.clock.now();
  const since = (await deps.ledger.lastSentUntil(subscription.id)) ?? new Date(period.fireAt.getTime() - deps.policy.firstWindowMs);
  const shown = await deps.ledger.recentThreadIds(target, new Date(until.getTime() - DAY_MS), subscription.id);
  const presentation = await chatPresentationOf(target, deps);
  // Room for what the spam rules hold back and fold in: five candidates per card (more with filters).
  const wanted = deps.policy.maxThreads * 5 + shown.size;
  const limit = Math.min(hasFilters(subscription) ? wanted * FILTERED_READ_FACTOR : wanted, MAX_CANDIDATES);
  const candidates = (await candidateThreads(subscription, { since, until, limit }, deps)).filter((t) => !shown.has(t.id) && matchesSettings(t, subscription));
  // A chat that chose `skip` never gets sensitive threads; the digest's closing line counts them.
  const { kept, withheld } = withholdFor(candidates, { sensitive: presentation.sensitive, ageRestrictedAllowed: true });
  // A chat that prefers some thread languages gets those; the others are one closing line.
  const { kept: preferred, others } = foldLanguages(kept, presentation.threadLanguages);
  const { cards, heldBack } = curateDigest(preferred, deps.policy.maxThreads, deps.policy.curation ?? DEFAULT_CURATION);
  const seen = await deps.ledger.lastShown(
    target,
    cards.map((c) => c.thread.id),
    new Date(until.getTime() - SEEN_LOOKBACK_MS),
  );
  const digest = {
    ...composeDigest({
      tag: subscription.tag,
      subject: subjectOf(subscription),
      threads: [],
      cards,
      heldBack,
      since,
      until,
      links: deps.policy.links,
      seen,
      zone: subscription.schedule.zone,
    }),
    ...(withheld.sensitive > 0 ? { withheld } : {}),
    ...(others.length > 0 ? { otherLanguages: others } : {}),
  };
  // Copies and folded duplicates count as seen: another subscription of the chat does not show them again today.
  return { subscriptionId: subscription.id, period: period.key, since, until, digest, threadIds: cards.flatMap((c) => c.threadIds) };
}

function publishWithin(deps: DeliveryDeps, delivery: Parameters<DigestPublisher['publish']>[0], entry: LedgerEntry): Promise<DeliveryOutcome> {
  const publish = Promise.resolve()
    .then(() => deps.publisher.publish(delivery))
    .catch((error: unknown): DeliveryOutcome => {
      deps.log.error({ err: error, subscription: entry.subscriptionId }, 'publisher threw');
      return { status: 'failed', reason: `publisher error: ${(error as Error)?.message ?? String(error)}` };
    });
  const timedOut: DeliveryOutcome = { status: 'failed', reason: `no answer within ${deps.policy.publishTimeoutMs} ms` };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<DeliveryOutcome>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), deps.policy.publishTimeoutMs);
    timer.unref?.();
  });
  return Promise.race([publish, timeout]).then((outcome) => {
    clearTimeout(timer);
    if (outcome === timedOut) {
      // The platform may still answer: a late confirmation is recorded so the digest is not sent again.
      void publish.then((late) => {
        if (late.status === 'sent') void deps.ledger.settle(entry, { state: 'sent', messages: late.messages }, deps.clock.now()).catch(() => undefined);
      });
    }
    return outcome;
  });
}

async function settle(entry: LedgerEntry, outcome: DeliveryOutcome, item: WorkItem, target: DeliveryTarget, deps: DeliveryDeps) {
  const { ledger, lifecycle, clock, log, policy } = deps;
  const now = clock.now();
  const fields = { subscription: item.subscription.id, period: item.period.key, platform: target.platform, chat: target.chatId };
  switch (outcome.status) {
    case 'sent': {
      await ledger.settle(entry, { state: 'sent', messages: outcome.messages }, now);
      if (outcome.movedTo === undefined || outcome.movedTo === target.chatId) return { result: 'sent' as const, messages: outcome.messages };
      const moved = await lifecycle.moveChat(target.platform, target.chatId, outcome.movedTo);
      log.info({ ...fields, movedTo: outcome.movedTo, moved }, 'chat moved: its subscriptions follow it');
      return { result: 'sent' as const, messages: outcome.messages, movedTo: outcome.movedTo };
    }
    case 'gone': {
      await ledger.settle(entry, { state: 'gone', error: outcome.reason }, now);
      const paused = await lifecycle.pauseChat(target.platform, target.chatId, outcome.reason, now);
      log.warn({ ...fields, reason: outcome.reason, paused }, 'chat gone: its subscriptions are paused');
      return { result: 'gone' as const, messages: 0 };
    }
    case 'failed': {
      if (entry.attempts >= policy.maxAttempts) {
        await ledger.settle(entry, { state: 'abandoned', error: outcome.reason }, now);
        await lifecycle.pause(item.subscription.id, `delivery failed ${entry.attempts} times: ${outcome.reason}`, now);
        log.warn({ ...fields, attempts: entry.attempts, reason: outcome.reason }, 'delivery abandoned: subscription paused');
        return { result: 'abandoned' as const, messages: 0 };
      }
      const wait = Math.max(outcome.retryAfterMs ?? 0, policy.backoffMs(entry.attempts));
      await ledger.settle(entry, { state: 'failed', error: outcome.reason, nextAttemptAt: new Date(now.getTime() + wait) }, now);
      log.warn({ ...fields, attempts: entry.attempts, reason: outcome.reason, retryInMs: wait }, 'delivery failed: will retry');
      return { result: 'failed' as const, messages: 0 };
    }
  }
}

/** After a stop the database may already be closed; the row is owed either way. */
async function releaseQuietly(entry: LedgerEntry, deps: DeliveryDeps): Promise<void> {
  try {
    await deps.ledger.settle(entry, { state: 'released', error: 'stopped before sending' }, deps.clock.now());
  } catch {
    // stop() has released it already, or the database is closed: the next run takes the row over.
  }
}
