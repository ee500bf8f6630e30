import type { DigestPublisher } from '../core/index.ts';
import { createPoller, credentialsFromEnv } from '../sources/poller.ts';
import type { AppConfig } from './config.ts';
import { createLifecycle, type Lifecycle } from './lifecycle.ts';
import { claimService } from './service-lease.ts';
import { createDigestScheduler, createServices, type Services } from './services.ts';
import { startWebReader } from './web-reader.ts';

/**
 * `spool start`: the service. Runs whatever is configured — Telegram, Discord, source pollers, the
 * digest scheduler, the web reader — until SIGTERM or SIGINT, whatever stdin is (a TTY, a pipe,
 * /dev/null). It holds the database's service lease, so a second `spool start` on the same database
 * refuses; a part that fails for good (Telegram 409, a Discord session that cannot be resumed) stops
 * everything and the process exits non-zero, so that a supervisor restarts or reports it.
 * It never loads the sample threads: those belong to the console demo (`spool chat`).
 */
export async function startService(config: AppConfig): Promise<void> {
  const services = createServices(config);
  const { logger } = services;
  let lease;
  try {
    lease = claimService(services.stores.leases, services.clock, config.dbPath);
  } catch (error) {
    services.close();
    throw error;
  }
  const { tookOverFrom } = lease;
  if (tookOverFrom) {
    logger.warn({ pid: tookOverFrom.pid, host: tookOverFrom.host, renewedAt: tookOverFrom.renewedAt }, 'took over the database from a service that stopped (it no longer renewed its lease)');
  }
  const held = lease;
  const life = createLifecycle({
    log: logger,
    onStopped: () => {
      held.release();
      services.close();
    },
  });
  held.keepAlive(() => life.fail('another process took over this database (this service had stopped renewing its lease: was it frozen?)'));
  try {
    const publishers = await startBots(services, life);
    life.add((await startWebReader(services)).part);
    const pollers = startPollers(services, life);
    if (publishers.length > 0) {
      const scheduler = createDigestScheduler(services, publishers);
      scheduler.start();
      life.add({ name: 'scheduler', stop: () => scheduler.stop() });
    }
    if (publishers.length === 0 && !pollers) {
      logger.info({}, 'no bot token and no sources configured: serving the web reader only');
    }
    logger.info({ pid: process.pid, database: config.dbPath }, 'spool is running');
    await life.untilStopped();
  } catch (error) {
    await life.shutdown('start-up failed');
    throw error;
  } finally {
    life.dispose();
  }
}

/** The bots whose token is set; each platform's library is loaded only then. */
async function startBots(services: Services, life: Lifecycle): Promise<DigestPublisher[]> {
  const { env } = services.config;
  const { logger } = services;
  const links = { publicUrl: env.SPOOL_PUBLIC_URL };
  const onFatal = (sentence: string, error: unknown): void => life.fail(sentence, error);
  const publishers: DigestPublisher[] = [];
  if (env.TELEGRAM_BOT_TOKEN) {
    const { createTelegramBot } = await import('../platforms/telegram/index.ts');
    const bot = createTelegramBot({ token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT, router: services.router, log: logger, links, clock: services.clock, onFatal });
    await bot.start();
    life.add({ name: 'telegram', stop: () => bot.stop() });
    publishers.push(bot.publisher);
    logger.info({ username: bot.username }, 'telegram bot started');
  }
  if (env.DISCORD_TOKEN) {
    const { createDiscordBot } = await import('../platforms/discord/index.ts');
    const bot = createDiscordBot({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, guildId: env.DISCORD_GUILD_ID, router: services.router, tags: services.stores.tags, log: logger, links, onFatal });
    await bot.start();
    life.add({ name: 'discord', stop: () => bot.stop() });
    publishers.push(bot.publisher);
    logger.info({}, 'discord bot started');
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
