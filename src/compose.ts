import {
  CORE_COMMANDS,
  createCommandRouter,
  SUBSCRIPTION_COMMANDS,
  systemClock,
  type ChatRouter,
  type Clock,
  type CommandDefinition,
  type DigestPublisher,
  type SubscriptionRouterServices,
} from './core/index.ts';
import type { AppConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { secretsFromEnv } from './redact.ts';
import { createScheduler, type Scheduler, type SchedulerConfig, type Ticker } from './scheduler/index.ts';
import { createSqliteStores, openDatabase, type Db, type SqliteStores } from './store/index.ts';

/**
 * The services every entry point shares (CLI commands, `spool start`, tests of whole flows):
 * one database, its repositories, and the chat command router over them.
 */
export interface Services {
  readonly config: AppConfig;
  readonly db: Db;
  readonly stores: SqliteStores;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly routerServices: SubscriptionRouterServices;
  readonly router: ChatRouter;
  close(): void;
}

export function createServices(
  config: AppConfig,
  options: { readonly clock?: Clock; readonly logger?: Logger; readonly pageSize?: number } = {},
): Services {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.env.LOG_LEVEL, { secrets: secretsFromEnv({ ...process.env, ...config.env }) });
  const db = openDatabase(config.dbPath);
  const stores = createSqliteStores(db, clock);
  const routerServices: SubscriptionRouterServices = {
    threads: stores.threads,
    tags: stores.tags,
    clock,
    links: { publicUrl: config.env.SPOOL_PUBLIC_URL },
    pageSize: options.pageSize,
    subscriptions: stores.subscriptions,
    maxSubscriptionsPerChat: config.file.subscriptions.maxPerChat,
    followLimits: {
      maxPerUser: config.file.subscriptions.maxPerUser,
      maxFollowedTags: config.file.subscriptions.maxFollowedTags,
      allowedTags: config.file.subscriptions.allowedTags,
    },
  };
  const commands: readonly CommandDefinition<SubscriptionRouterServices>[] = [...CORE_COMMANDS, ...SUBSCRIPTION_COMMANDS];
  const router = createCommandRouter(routerServices, commands);
  let closed = false;
  return {
    config,
    db,
    stores,
    clock,
    logger,
    routerServices,
    router,
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/**
 * The digest scheduler over these services: `spool start` calls `start()` (and `stop()` on
 * SIGTERM/SIGINT, before `services.close()`); `spool send-digests` calls `runOnce` once.
 * `publishers` are the platforms that can deliver; subscriptions of the others wait.
 */
export function createDigestScheduler(
  services: Services,
  publishers: readonly DigestPublisher[],
  options: { readonly ticker?: Ticker; readonly config?: Partial<SchedulerConfig> } = {},
): Scheduler {
  const { digests } = services.config.file;
  return createScheduler({
    subscriptions: services.stores.subscriptions,
    ledger: services.stores.ledger,
    threads: services.stores.threads,
    publishers,
    clock: services.clock,
    log: services.logger,
    ticker: options.ticker,
    config: { maxThreads: digests.maxThreads, sendWhenEmpty: digests.sendWhenEmpty, links: services.routerServices.links, ...options.config },
  });
}
