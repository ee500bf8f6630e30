import { hostname } from 'node:os';
import type {
  AuthorStore,
  ChatPlatform,
  ChatSettingsStore,
  Clock,
  DeliveryLedger,
  DigestPublisher,
  LedgerEntry,
  LinkOptions,
  Log,
  SubscriptionLifecycle,
  SubscriptionStore,
  ThreadStore,
} from '../core/index.ts';
import { DEFAULT_CURATION } from '../core/index.ts';
import { deliverTarget, type DeliveryDeps, type DeliveryPolicy, type ItemResult } from './deliver.ts';
import { deliverLive, planLive } from './live.ts';
import { planRun, type OwedCheck, type RunMode } from './plan.ts';
import { createSendGate } from './pacer.ts';
import { runPool } from './pool.ts';
import { cronTicker, type Ticker } from './ticker.ts';

export interface SchedulerConfig {
  readonly maxThreads: number;
  readonly sendWhenEmpty: boolean;
  /** Spam rules (core/curate.ts): cards per author, hashtags a post may carry. Defaults: 2 and 6. */
  readonly maxPerAuthor?: number | undefined;
  readonly maxHashtags?: number | undefined;
  readonly links?: LinkOptions | undefined;
  /** Chats served at once per platform (default: the publisher's pacing); the publishers rate-limit within it. */
  readonly concurrency?: Partial<Record<ChatPlatform, number>>;
  readonly maxAttempts?: number;
  readonly leaseMs?: number;
  readonly publishTimeoutMs?: number;
  /**
   * Per platform, the send gate of pacer.ts (default: the publisher's pacing): a send starts once the
   * previous one is recorded (or has been out `holdMs`), and `minIntervalMs` after it, so that a crash
   * re-sends at most one message on a platform without idempotency keys.
   */
  readonly sendGate?: Partial<Record<ChatPlatform, { readonly minIntervalMs: number; readonly holdMs: number }>>;
  /** How long `stop()` waits for sends in flight before releasing them to the next run. */
  readonly shutdownGraceMs?: number;
}

export interface SchedulerDeps {
  readonly subscriptions: Pick<SubscriptionStore, 'list'> & SubscriptionLifecycle;
  readonly ledger: DeliveryLedger;
  readonly threads: Pick<ThreadStore, 'changedThreads'>;
  /** Each chat's settings (language, pictures, sensitive threads): defaults for every chat when absent. */
  readonly chatSettings?: Pick<ChatSettingsStore, 'get'> | undefined;
  /** Author subscriptions' threads; without it they find nothing. */
  readonly authors?: Pick<AuthorStore, 'changedThreadsByAuthor'> | undefined;
  /** One per platform that can deliver; subscriptions of other platforms wait. */
  readonly publishers: readonly DigestPublisher[];
  readonly clock: Clock;
  readonly log: Log;
  readonly config: SchedulerConfig;
  /** What drives `start()`: every minute by node-cron unless a test supplies its own. */
  readonly ticker?: Ticker;
  /** This process's name in the ledger's leases. */
  readonly owner?: string;
  /** Whether a lease holder is still running; by default, a holder on this host whose process is gone is not. */
  readonly ownerAlive?: (owner: string) => boolean;
}

export interface RunReport {
  readonly mode: RunMode;
  readonly owed: number;
  readonly sent: number;
  readonly empty: number;
  readonly failed: number;
  readonly gone: number;
  readonly abandoned: number;
  readonly skipped: number;
  readonly messages: number;
  /** True when a stop cut the run short: what is left is owed to the next run. */
  readonly interrupted: boolean;
}

export interface Scheduler {
  /** Delivers what is overdue at once (catch-up after downtime), then checks every tick. */
  start(): void;
  /** Stops taking work, waits for sends in flight (up to the grace time), releases the rest. */
  stop(): Promise<void>;
  runOnce(now?: Date, mode?: RunMode): Promise<RunReport>;
}

const NO_GATE = { minIntervalMs: 0, holdMs: 0 };

/** Retry after 1, 2, 4 … minutes, at most an hour apart. */
export const defaultBackoffMs = (attempt: number): number => Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);

/**
 * The digest scheduler: each run plans what is owed (plan.ts), then serves every destination
 * through a bounded pool per platform, each destination's digests in order (deliver.ts). Runs never
 * overlap; a tick that comes while one is running is skipped (the next tick catches up).
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { config, log, clock } = deps;
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const ownerAlive = deps.ownerAlive ?? defaultOwnerAlive;
  const publishers = new Map(deps.publishers.map((p) => [p.platform, p]));
  const policy: DeliveryPolicy = {
    maxThreads: config.maxThreads,
    sendWhenEmpty: config.sendWhenEmpty,
    links: config.links,
    maxAttempts: config.maxAttempts ?? 5,
    backoffMs: defaultBackoffMs,
    leaseMs: config.leaseMs ?? 5 * 60_000,
    publishTimeoutMs: config.publishTimeoutMs ?? 120_000,
    firstWindowMs: 86_400_000,
    curation: {
      ...DEFAULT_CURATION,
      ...(config.maxPerAuthor !== undefined ? { maxPerAuthor: config.maxPerAuthor } : {}),
      ...(config.maxHashtags !== undefined ? { maxHashtags: config.maxHashtags } : {}),
    },
  };
  const inFlight = new Set<LedgerEntry>();
  // One gate per platform for the scheduler's life: back-to-back runs keep the spacing too.
  const gates = new Map([...publishers.values()].map((p) => [p.platform, createSendGate(config.sendGate?.[p.platform] ?? p.pacing.gate ?? NO_GATE)]));
  let stopping = false;
  let running: Promise<RunReport> | undefined;
  let tick: { stop(): void } | undefined;

  async function run(now: Date, mode: RunMode): Promise<RunReport> {
    const check: OwedCheck = { now, owner, eager: mode === 'all', ownerAlive };
    const active = await deps.subscriptions.list({ activeOnly: true });
    const platforms = new Set(publishers.keys());
    const plan = await planRun(active, deps.ledger, mode, check, platforms);
    const live = planLive(active, platforms);
    const counts: Record<ItemResult, number> = { sent: 0, empty: 0, failed: 0, gone: 0, abandoned: 0, skipped: 0 };
    let messages = 0;
    let owed = 0;
    const tally = (result: ItemResult, n: number) => {
      counts[result]++;
      messages += n;
    };
    await Promise.all(
      [...publishers.values()].map(async (publisher) => {
        const { platform } = publisher;
        const work = plan.get(platform) ?? [];
        const liveWork = live.get(platform) ?? [];
        owed += work.reduce((n, w) => n + w.items.length, 0);
        const itemDeps: DeliveryDeps = {
          ledger: deps.ledger,
          lifecycle: deps.subscriptions,
          threads: deps.threads,
          chatSettings: deps.chatSettings,
          authors: deps.authors,
          publisher,
          clock,
          log,
          policy,
          check,
          inFlight,
          gate: gates.get(platform) ?? createSendGate(NO_GATE),
          isStopping: () => stopping,
        };
        const concurrency = config.concurrency?.[platform] ?? publisher.pacing.concurrency;
        const guard = (target: { chatId: string }) => (error: unknown) => log.error({ err: error, chat: target.chatId }, 'delivery crashed');
        // Each run starts at another chat, so that a run cut short does not always starve the same ones.
        await runPool(
          startAnywhere(work),
          concurrency,
          () => stopping,
          (w) => deliverTarget(w, itemDeps, tally).catch(guard(w.target)),
        );
        // Live deliveries after the digests, so that one chat never gets both at once.
        await runPool(
          startAnywhere(liveWork),
          concurrency,
          () => stopping,
          (w) => deliverLive(w, itemDeps, tally).catch(guard(w.target)),
        );
      }),
    );
    const report: RunReport = { mode, owed, ...counts, messages, interrupted: stopping };
    if (owed > 0 || counts.sent > 0) log.info({ ...report }, 'digest run finished');
    return report;
  }

  function runOnce(now: Date = clock.now(), mode: RunMode = 'due'): Promise<RunReport> {
    // Runs never overlap: an explicit run waits for the one in progress (whatever its outcome).
    const previous = running ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => run(now, mode));
    running = next;
    void next
      .finally(() => {
        if (running === next) running = undefined;
      })
      .catch(() => undefined);
    return next;
  }

  function onTick(): void {
    if (stopping || running) return;
    runOnce().catch((error: unknown) => log.error({ err: error }, 'digest run failed'));
  }

  return {
    start() {
      stopping = false;
      onTick();
      tick = (deps.ticker ?? cronTicker()).start(onTick);
    },
    async stop() {
      stopping = true;
      tick?.stop();
      tick = undefined;
      const current = running;
      if (current) {
        const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs ?? 10_000).unref());
        await Promise.race([
          current.then(
            () => undefined,
            () => undefined,
          ),
          grace,
        ]);
      }
      for (const entry of inFlight) {
        await deps.ledger.settle(entry, { state: 'released', error: 'shutdown before the platform answered' }, clock.now());
      }
      inFlight.clear();
    },
    runOnce,
  };
}

/**
 * The destinations in their order, started at a random one: replicas sharing a database then work from
 * different places in the list instead of all racing for the same first claims (each destination's
 * digests still go out in order; the order across destinations never mattered).
 */
function startAnywhere<T>(work: readonly T[]): T[] {
  const at = Math.floor(Math.random() * work.length);
  return [...work.slice(at), ...work.slice(0, at)];
}

/** A lease holder `host:pid:…` on this host is alive while its process is. Other hosts: trust the lease. */
function defaultOwnerAlive(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || pid === undefined) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
