import {
  CORE_COMMANDS,
  createCommandRouter,
  SETTINGS_COMMANDS,
  SUBSCRIPTION_COMMANDS,
  systemClock,
  UNROLL_COMMANDS,
  type ChatRouter,
  type Clock,
  type CommandDefinition,
  type DigestPublisher,
  type SettingsRouterServices,
  type Log,
  type Stores,
  type SubscriptionRouterServices,
  type ThreadFetcher,
  type UnrollServices,
} from '../core/index.ts';
import { createScheduler, type Scheduler, type SchedulerConfig, type Ticker } from '../scheduler/index.ts';
import { openSqliteStores } from '../store/index.ts';
import type { AppConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { secretsFromEnv } from './redact.ts';

/**
 * The services every entry point shares (CLI commands, `spool start`, `spool chat`, tests of whole
 * flows): one store, and the chat command router over it.
 */
export interface Services {
  readonly config: AppConfig;
  readonly stores: Stores;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly routerServices: AppRouterServices;
  readonly router: ChatRouter;
  close(): Promise<void>;
}

/**
 * The store the configuration names: PostgreSQL when SPOOL_DATABASE_URL is set (migrated at start-up,
 * once whatever the number of replicas), else SQLite at `dbPath` (the embedded default). The PostgreSQL
 * driver is loaded only then.
 */
export async function openStores(config: AppConfig, clock: Clock): Promise<Stores> {
  return openStoresAt(config.databaseUrl ?? config.dbPath, clock);
}

/** A store by location: a `postgres://` URL or a SQLite path (`spool store copy` opens two). */
export async function openStoresAt(location: string, clock: Clock): Promise<Stores> {
  if (/^postgres(?:ql)?:\/\//iu.test(location)) {
    const { openPostgresStores } = await import('../store/postgres/index.ts');
    return openPostgresStores(location, clock);
  }
  return openSqliteStores(location, clock);
}

/** How to name the store in logs and sentences: the SQLite path, or the URL without its password. */
export function databaseLabel(config: Pick<AppConfig, 'dbPath' | 'databaseUrl'>): string {
  if (config.databaseUrl === undefined) return config.dbPath;
  try {
    const url = new URL(config.databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Every command's services: reading, subscriptions, and /unroll's fetching. */
export type AppRouterServices = SubscriptionRouterServices & UnrollServices & SettingsRouterServices;

/**
 * /unroll's fetcher, loaded on first use: the parsers and HTTP clients it pulls in are not paid for by
 * a CLI command or a bot that never unrolls.
 */
function lazyThreadFetcher(config: AppConfig, log: Log, clock: Clock): ThreadFetcher {
  let real: Promise<ThreadFetcher> | undefined;
  return {
    async fetchThread(link) {
      real ??= import('../sources/thread-fetcher.ts').then(({ createThreadFetcher }) =>
        createThreadFetcher({
          x: { apiUrl: config.env.X_API_URL, bearerToken: config.env.X_BEARER_TOKEN },
          blueskyPublicApi: config.env.BLUESKY_PUBLIC_API,
          allowPrivateHosts: config.env.SPOOL_UNROLL_PRIVATE_HOSTS,
          log,
          clock,
        }),
      );
      return (await real).fetchThread(link);
    },
  };
}

export async function createServices(
  config: AppConfig,
  options: { readonly clock?: Clock; readonly logger?: Logger; readonly pageSize?: number; readonly stores?: Stores; readonly fetcher?: ThreadFetcher } = {},
): Promise<Services> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.env.LOG_LEVEL ?? 'info', { secrets: secretsFromEnv(config.env) });
  const stores = options.stores ?? (await openStores(config, clock));
  const routerServices: AppRouterServices = {
    threads: stores.threads,
    tags: stores.tags,
    authors: stores.authors,
    keys: stores.keys,
    posts: stores.posts,
    fetcher: options.fetcher ?? lazyThreadFetcher(config, logger, clock),
    clock,
    links: { publicUrl: config.env.SPOOL_PUBLIC_URL },
    pageSize: options.pageSize,
    subscriptions: stores.subscriptions,
    maxSubscriptionsPerChat: config.file.subscriptions.maxPerChat,
    chatSettings: stores.chatSettings,
    followLimits: {
      maxPerUser: config.file.subscriptions.maxPerUser,
      maxFollowedTags: config.file.subscriptions.maxFollowedTags,
      allowedTags: config.file.subscriptions.allowedTags,
    },
  };
  const commands: readonly CommandDefinition<AppRouterServices>[] = [...CORE_COMMANDS, ...UNROLL_COMMANDS, ...SUBSCRIPTION_COMMANDS, ...SETTINGS_COMMANDS];
  const router = createCommandRouter(routerServices, commands);
  let closed: Promise<void> | undefined;
  return {
    config,
    stores,
    clock,
    logger,
    routerServices,
    router,
    close: () => (closed ??= stores.close()),
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
    chatSettings: services.stores.chatSettings,
    authors: services.stores.authors,
    publishers,
    clock: services.clock,
    log: services.logger,
    ticker: options.ticker,
    config: {
      maxThreads: digests.maxThreads,
      sendWhenEmpty: digests.sendWhenEmpty,
      maxPerAuthor: digests.maxPerAuthor,
      maxHashtags: digests.maxHashtags,
      links: services.routerServices.links,
      ...options.config,
    },
  });
}
