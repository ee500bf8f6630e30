import { CORE_COMMANDS, createCommandRouter, systemClock, type ChatRouter, type Clock, type RouterServices } from './core/index.ts';
import type { AppConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
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
  readonly routerServices: RouterServices;
  readonly router: ChatRouter;
  close(): void;
}

export function createServices(
  config: AppConfig,
  options: { readonly clock?: Clock; readonly logger?: Logger; readonly pageSize?: number } = {},
): Services {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.env.LOG_LEVEL);
  const db = openDatabase(config.dbPath);
  const stores = createSqliteStores(db, clock);
  const routerServices: RouterServices = {
    threads: stores.threads,
    tags: stores.tags,
    clock,
    links: { publicUrl: config.env.SPOOL_PUBLIC_URL },
    pageSize: options.pageSize,
  };
  const router = createCommandRouter(routerServices, CORE_COMMANDS);
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
