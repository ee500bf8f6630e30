import { runConsoleChat } from './bots/console/chat.ts';
import { createDiscordBot } from './bots/discord/index.ts';
import { createTelegramBot } from './bots/telegram/index.ts';
import type { DigestPublisher } from './core/index.ts';
import { createDigestScheduler, createServices, type Services } from './compose.ts';
import type { AppConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { readSampleThreads, SAMPLE_FILE } from './sample/index.ts';
import { jsonlFormat } from './sources/jsonl.ts';
import { createPoller, credentialsFromEnv } from './sources/poller.ts';
import { createWebServer, type WebServer } from './web/index.ts';

interface Part {
  readonly name: string;
  stop(): Promise<void> | void;
}

/**
 * The composition root of `spool start`: config → database → services → every front end that is
 * configured (Telegram, Discord, source pollers, digest scheduler, web reader), and a graceful
 * shutdown on SIGTERM/SIGINT that stops taking work, lets sends in flight finish, and closes the
 * database last. With no bot token it runs the console chat on stdin/stdout instead of the bots.
 */
export async function startSpool(config: AppConfig): Promise<void> {
  const { env } = config;
  // The console chat shares the terminal with the logs: there only warnings show, unless LOG_LEVEL asks.
  const consoleOnly = !env.TELEGRAM_BOT_TOKEN && !env.DISCORD_TOKEN;
  const quiet = consoleOnly && !process.env['LOG_LEVEL'];
  const services = createServices(config, quiet ? { logger: createLogger('warn') } : {});
  const { logger } = services;
  const sampleThreads = loadSampleIfEmpty(services);

  const parts: Part[] = []; // in start order; stopped in reverse
  let stopping: Promise<void> | undefined;
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down');
      for (const part of [...parts].reverse()) {
        try {
          await part.stop();
        } catch (error) {
          logger.error({ err: error, part: part.name }, 'stopping failed');
        }
      }
      services.close();
      markStopped();
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    void shutdown(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const publishers: DigestPublisher[] = [];
    const links = { publicUrl: env.SPOOL_PUBLIC_URL };
    if (env.TELEGRAM_BOT_TOKEN) {
      const bot = createTelegramBot({ token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT, router: services.router, log: logger, links, clock: services.clock });
      await bot.start();
      parts.push({ name: 'telegram', stop: () => bot.stop() });
      publishers.push(bot.publisher);
      logger.info({ username: bot.username }, 'telegram bot started');
    }
    if (env.DISCORD_TOKEN) {
      const bot = createDiscordBot({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, guildId: env.DISCORD_GUILD_ID, router: services.router, tags: services.stores.tags, log: logger, links });
      await bot.start();
      parts.push({ name: 'discord', stop: () => bot.stop() });
      publishers.push(bot.publisher);
      logger.info({}, 'discord bot started');
    }
    const consoleChat = publishers.length === 0;
    const piped = consoleChat && !process.stdin.isTTY;

    // A piped console chat is a one-shot: no reader, pollers or scheduler to leave running behind it.
    let readerUrl: string | undefined;
    if (!piped) {
      readerUrl = await startWebReader(services, parts);
      if (config.file.sources.length > 0) {
        const poller = createPoller({
          sources: config.file.sources,
          credentials: credentialsFromEnv(env),
          cursors: services.stores.cursors,
          sink: services.stores.posts,
          log: logger,
          clock: services.clock,
          followedHashtags: () => services.stores.subscriptions.followedTags(),
        });
        poller.start();
        parts.push({ name: 'poller', stop: () => poller.stop() });
      }
    }
    if (publishers.length > 0) {
      const scheduler = createDigestScheduler(services, publishers);
      scheduler.start();
      parts.push({ name: 'scheduler', stop: () => scheduler.stop() });
    }

    if (consoleChat) {
      await runConsole(services, piped, { sampleThreads, readerUrl });
      await shutdown('end of input');
    } else {
      await stopped; // until SIGTERM or SIGINT
    }
  } catch (error) {
    await shutdown('start-up failed');
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function runConsole(
  services: Services,
  piped: boolean,
  started: { readonly sampleThreads: number; readonly readerUrl: string | undefined },
): Promise<void> {
  if (piped) {
    process.stderr.write('spool: no bot token set, answering stdin (README: "Configuration" adds tokens and sources)\n');
  } else {
    const lines = [
      'No bot token set, so this is the console chat. Set TELEGRAM_BOT_TOKEN or DISCORD_TOKEN and add sources in config/spool.json to go live (see README).',
      ...(started.sampleThreads > 0 ? [`The database was empty: loaded ${started.sampleThreads} sample threads (try /threads xinjiang).`] : []),
      ...(started.readerUrl ? [`The web reader is on ${started.readerUrl}`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  await runConsoleChat({
    router: services.router,
    input: process.stdin,
    output: process.stdout,
    interactive: !piped,
    clock: services.clock,
    onError: (error) => services.logger.error({ err: error }, 'console command failed'),
  });
}

/** The reader on PORT, returning its URL; a port in use is logged and the rest of Spool runs on without it. */
async function startWebReader(services: Services, parts: Part[]): Promise<string | undefined> {
  const { env } = services.config;
  const web: WebServer = createWebServer({
    threads: services.stores.threads,
    tags: services.stores.tags,
    clock: services.clock,
    log: services.logger,
    publicUrl: env.SPOOL_PUBLIC_URL,
    stats: () => services.stores.stats(),
  });
  try {
    const { port } = await web.listen(env.PORT);
    parts.push({ name: 'web', stop: () => web.close() });
    services.logger.info({ port }, `web reader on http://localhost:${port}/`);
    return `http://localhost:${port}/`;
  } catch (error) {
    services.logger.error({ err: error, port: env.PORT }, 'web reader not started: is the port in use? (set PORT)');
    return undefined;
  }
}

/** First run: an empty database gets the bundled sample threads, so that there is something to ask about. Returns how many. */
export function loadSampleIfEmpty(services: Services): number {
  if (!services.stores.isEmpty()) return 0;
  const parsed = jsonlFormat.parse(readSampleThreads(), { file: SAMPLE_FILE, fileDate: services.clock.now() });
  const summary = services.stores.posts.ingest(parsed.posts);
  services.logger.info({ threads: summary.newThreads }, 'empty database: loaded the sample threads');
  return summary.newThreads;
}
