import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DigestPublisher } from '../core/index.ts';
import type { BotDeps, Platform, PlatformModule } from '../platforms/index.ts';
import { createPoller, credentialsFromEnv } from '../sources/poller.ts';
import type { AppConfig, SourceConfig } from './config.ts';
import { createLeadership } from './leadership.ts';
import { createLifecycle, type Lifecycle, type Part } from './lifecycle.ts';
import { configuredPlatforms } from './platforms.ts';
import { claimService, type HeldService } from './service-lease.ts';
import { createDigestScheduler, createServices, databaseLabel, type Services } from './services.ts';
import { startWebReader } from './web-reader.ts';

type Leadership = ReturnType<typeof createLeadership>;
type Mounts = Map<string, (req: IncomingMessage, res: ServerResponse) => void>;

/**
 * `spool start`: the service. Runs whatever is configured — each platform's bot, source pollers, the
 * digest scheduler, the web reader — until SIGTERM or SIGINT, whatever stdin is (a TTY, a pipe,
 * /dev/null). A part that fails for good (a bot session taken by another process or not resumable) stops
 * everything and the process exits non-zero, so that a supervisor restarts or reports it.
 * It never loads the sample threads: those belong to the console demo (`spool chat`).
 *
 * On SQLite it holds the database's service lease, so a second `spool start` on the same file refuses.
 * On PostgreSQL any number of replicas run side by side (docs/deployment.md): each serves the web reader,
 * its bots' shards and webhook updates, and delivers digests (the ledger's claims keep each digest to
 * one replica); what only one process may do — polling a source, a bot's long polling — runs on the
 * replica that leads that role, and another takes the role over when it dies.
 */
export async function startService(config: AppConfig): Promise<void> {
  const services = await createServices(config);
  const { logger } = services;
  const replicated = config.databaseUrl !== undefined;
  let held: HeldService | undefined;
  if (!replicated) {
    try {
      held = await claimService(services.stores.leases, services.clock, config.dbPath);
    } catch (error) {
      await services.close();
      throw error;
    }
    const { tookOverFrom } = held;
    if (tookOverFrom) {
      logger.warn(
        { pid: tookOverFrom.pid, host: tookOverFrom.host, renewedAt: tookOverFrom.renewedAt },
        'took over the database from a service that stopped (it no longer renewed its lease)',
      );
    }
  }
  const life = createLifecycle({
    log: logger,
    onStopped: async () => {
      await held?.release();
      await services.close();
    },
  });
  held?.keepAlive(() => life.fail('another process took over this database (this service had stopped renewing its lease: was it frozen?)'));
  const leadership = replicated ? createLeadership({ leases: services.stores.leases, clock: services.clock, log: logger }) : undefined;
  try {
    const mounts: Mounts = new Map();
    life.add((await startWebReader(services, mounts)).part);
    const publishers = await startPlatforms(services, life, mounts, leadership);
    const pollers = startPollers(services, life, leadership);
    const bots = configuredPlatforms(config).filter((p) => p.platform.bot).length;
    if (publishers.length > 0) {
      const scheduler = createDigestScheduler(services, publishers);
      scheduler.start();
      life.add({ name: 'scheduler', stop: () => scheduler.stop() });
    }
    if (bots === 0 && !pollers) logger.info({}, 'no bot token and no sources configured: serving the web reader (and any webhook digests) only');
    logger.info({ pid: process.pid, database: databaseLabel(config), replicas: replicated ? 'many' : 'one' }, 'spool is running');
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
 * rate limits), else its delivery-only publisher. Each platform's library is loaded only here. With
 * replicas, a platform that allows one receiver at a time runs its bot on the role's leader only.
 */
async function startPlatforms(services: Services, life: Lifecycle, mounts: Mounts, leadership: Leadership | undefined): Promise<DigestPublisher[]> {
  const { logger } = services;
  const deps: BotDeps = {
    router: services.router,
    tags: services.stores.tags,
    log: logger,
    clock: services.clock,
    links: { publicUrl: services.config.env.SPOOL_PUBLIC_URL },
    onFatal: (sentence, error) => life.fail(sentence, error),
    mount: (endpoint) => void mounts.set(endpoint.path, endpoint.handle),
  };
  const publishers: DigestPublisher[] = [];
  for (const { platform, settings } of configuredPlatforms(services.config)) {
    const module: PlatformModule<unknown> = await platform.load();
    const startBot = module.startBot;
    if (!startBot) {
      publishers.push(module.createPublisher(settings, logger));
      continue;
    }
    if (leadership && (platform as Platform<unknown>).singleReceiver?.(settings)) {
      publishers.push(module.createPublisher(settings, logger));
      life.add(
        leadership.lead(`${platform.id} updates`, async () => {
          const bot = await startBot(settings, deps);
          return { name: platform.id, stop: () => bot.stop() };
        }),
      );
      continue;
    }
    const bot = await startBot(settings, deps);
    life.add({ name: platform.id, stop: () => bot.stop() });
    publishers.push(bot.publisher);
  }
  return publishers;
}

/** The role name of one configured source: the same on every replica reading the same config. */
export function sourceRole(source: SourceConfig): string {
  const where = source.type === 'mastodon' ? source.instance : source.type === 'rss' ? source.url : '';
  return `poll ${source.type} ${where} ${source.hashtags.join(',')}`.replace(/\s+/gu, ' ').trim();
}

/** One poller per source; with replicas, each source polls on the replica that leads its role. */
function startPollers(services: Services, life: Lifecycle, leadership: Leadership | undefined): boolean {
  const { config } = services;
  if (config.file.sources.length === 0) return false;
  const pollerOf = (sources: readonly SourceConfig[]): Part => {
    const poller = createPoller({
      sources,
      credentials: credentialsFromEnv(config.env),
      cursors: services.stores.cursors,
      sink: services.stores.posts,
      log: services.logger,
      clock: services.clock,
      followedHashtags: () => services.stores.subscriptions.followedTags(),
    });
    poller.start();
    return { name: 'poller', stop: () => poller.stop() };
  };
  if (!leadership) {
    life.add(pollerOf(config.file.sources));
    return true;
  }
  for (const source of config.file.sources) life.add(leadership.lead(sourceRole(source), () => pollerOf([source])));
  return true;
}
