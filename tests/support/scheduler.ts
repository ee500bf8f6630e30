import type { ChatPlatform, DeliveryOutcome, DigestDelivery, DigestPublisher, Log } from '../../src/core/index.ts';
import { createScheduler, type SchedulerConfig, type SchedulerDeps } from '../../src/scheduler/index.ts';
import { createSqliteStores, openDatabase, type Db, type SqliteStores } from '../../src/store/index.ts';
import { fixedClock } from './posts.ts';

/** A publisher that records every delivery and answers what the test says (sent by default). */
export function recordingPublisher(
  platform: ChatPlatform,
  answer: (delivery: DigestDelivery, attempt: number) => DeliveryOutcome | Promise<DeliveryOutcome> = () => ({ status: 'sent', messages: 1 }),
): DigestPublisher & { readonly captured: DigestDelivery[]; readonly delivered: DigestDelivery[] } {
  const captured: DigestDelivery[] = [];
  const delivered: DigestDelivery[] = [];
  return {
    platform,
    pacing: { concurrency: 20, gate: platform === 'telegram' ? { minIntervalMs: 34, holdMs: 1000 } : undefined },
    captured,
    delivered,
    async publish(delivery) {
      captured.push(delivery);
      const outcome = await answer(delivery, captured.filter((d) => d.idempotencyKey === delivery.idempotencyKey).length);
      if (outcome.status === 'sent') delivered.push(delivery);
      return outcome;
    },
  };
}

export interface LogLine {
  readonly level: string;
  readonly obj: object;
  readonly msg?: string | undefined;
}

export function recordingLog(): Log & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const TEST_CONFIG: SchedulerConfig = { maxThreads: 10, sendWhenEmpty: false };

/** One in-memory database with its stores and a clock the test moves. */
export function testWorld(start = '2026-11-23T08:00:00Z'): { db: Db; stores: SqliteStores; clock: ReturnType<typeof fixedClock> } {
  const clock = fixedClock(start);
  const db = openDatabase(':memory:');
  return { db, stores: createSqliteStores(db, clock), clock };
}

export function schedulerFor(
  world: ReturnType<typeof testWorld>,
  publishers: readonly DigestPublisher[],
  extra: Omit<Partial<SchedulerDeps>, 'config'> & { config?: Partial<SchedulerConfig> } = {},
) {
  return createScheduler({
    subscriptions: world.stores.subscriptions,
    ledger: world.stores.ledger,
    threads: world.stores.threads,
    authors: world.stores.authors,
    publishers,
    clock: world.clock,
    log: recordingLog(),
    ...extra,
    config: { ...TEST_CONFIG, ...extra.config },
  });
}
