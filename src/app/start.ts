import type { DigestPublisher } from '../core/index.ts';
import type { BotDeps } from '../platforms/index.ts';
import { createPoller, credentialsFromEnv } from '../sources/poller.ts';
import type { AppConfig } from './config.ts';
import { createLifecycle, type Lifecycle } from './lifecycle.ts';
import { configuredPlatforms } from './platforms.ts';
import { claimService } from './service-lease.ts';
import { createDigestScheduler, createServices, type Services } from './services.ts';
import { startWebReader } from './web-reader.ts';

/**
 * `spool start`: the service. Runs whatever is configured — each platform's bot, source pollers, the
 * digest scheduler, the web reader — until SIGTERM or SIGINT, whatever stdin is (a TTY, a pipe,
 * /dev/null). It holds the database's service lease, so a second `spool start` on the same database
 * refuses; a part that fails for good (a bot session taken by another process or not resumable) stops
 * everything and the process exits non-zero, so that a supervisor restarts or reports it.
 * It never loads the sample threads: those belong to the console demo (`spool chat`).
 */
export async function startService(config: AppConfig): Promise<void> {
  const services = await createServices(config);
  const { logger } = services;
  let lease;
  try {
    lease = await claimService(services.stores.leases, services.clock, config.dbPath);
  } catch (error) {
    await services.close();
    throw error;
  }
  const { tookOverFrom } = lease;
  if (tookOverFrom) {
    logger.warn({ pid: tookOverFrom.pid, host: tookOverFrom.host, renewedAt: tookOverFrom.renewedAt }, 'took over the database from a service that stopped (it no longer renewed its lease)');
  }
  const held = lease;
  const life = createLifecycle({
    log: logger,
    onStopped: async () => {
      await held.release();
      await services.close();
    },
  });
  held.keepAlive(() => life.fail('another process took over this database (this service had stopped renewing its lease: was it frozen?)'));
  try {
    const publishers = await startPlatforms(services, life);
    life.add((await startWebReader(services)).part);
    const pollers = startPollers(services, life);
    const bots = configuredPlatforms(config).filter((p) => p.platform.bot).length;
    if (publishers.length > 0) {
      const scheduler = createDigestScheduler(services, publishers);
      scheduler.start();
      life.add({ name: 'scheduler', stop: () => scheduler.stop() });
    }
    if (bots === 0 && !pollers) logger.info({}, 'no bot token and no sources configured: serving the web reader (and any webhook digests) only');
    logger.info({ pid: process.pid, database: config.dbPath }, 'spool is running');
    await life.untilStopped();
  } catch (error) {
    await life.shutdown('start-up failed');
    throw error;
  } finally {
    life.dispose();
  }
}

/**
 * Every configured platform: its bot when it has one (commands in, digests out through the bot's own
 * rate limits), else its delivery-only publisher. Each platform's library is loaded only here.
 */
async function startPlatforms(services: Services, life: Lifecycle): Promise<DigestPublisher[]> {
  const { logger } = services;
  const deps: BotDeps = {
    router: services.router,
    tags: services.stores.tags,
    log: logger,
    clock: services.clock,
    links: { publicUrl: services.config.env.SPOOL_PUBLIC_URL },
    onFatal: (sentence, error) => life.fail(sentence, error),
  };
  const publishers: DigestPublisher[] = [];
  for (const { platform, settings } of configuredPlatforms(services.config)) {
    const module = await platform.load();
    if (!module.startBot) {
      publishers.push(module.createPublisher(settings, logger));
      continue;
    }
    const bot = await module.startBot(settings, deps);
    life.add({ name: platform.id, stop: () => bot.stop() });
    publishers.push(bot.publisher);
  }
  return publishers;
}

function startPollers(services: Services, life: Lifecycle): boolean {
  const { config } = services;
  if (config.file.sources.length === 0) return false;
  const poller = createPoller({
    sources: config.file.sources,
    credentials: credentialsFromEnv(config.env),
    cursors: services.stores.cursors,
    sink: services.stores.posts,
    log: services.logger,
    clock: services.clock,
    followedHashtags: () => services.stores.subscriptions.followedTags(),
  });
  poller.start();
  life.add({ name: 'poller', stop: () => poller.stop() });
  return true;
}
