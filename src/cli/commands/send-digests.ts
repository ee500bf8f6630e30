import type { Command } from 'commander';
import type { Env } from '../../app/config.ts';
import type { DigestPublisher, Log } from '../../core/index.ts';
import { print, UsageError, withServices } from '../context.ts';

/**
 * The standalone publishers of every platform with a token in the environment: REST only,
 * no long polling or gateway, so `send-digests` can run beside a running `spool start`.
 * Each platform's library is loaded only when its token is set (and never by the other commands).
 */
export async function publishersFromEnv(env: Env, log: Log): Promise<DigestPublisher[]> {
  const publishers: DigestPublisher[] = [];
  if (env.TELEGRAM_BOT_TOKEN) {
    const { createTelegramPublisher } = await import('../../platforms/telegram/index.ts');
    publishers.push(createTelegramPublisher({ token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT, log }));
  }
  if (env.DISCORD_TOKEN) {
    const { createDiscordPublisher } = await import('../../platforms/discord/index.ts');
    publishers.push(createDiscordPublisher({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, log }));
  }
  return publishers;
}

/** How long a SIGTERM/SIGINT waits for sends in flight before the process leaves anyway. */
const EXIT_AFTER_SIGNAL_MS = 15_000;

/**
 * Registers `spool send-digests [--due|--all]`: one scheduler run, then exit. `--due` (the default)
 * sends what is owed now, catch-up included; `--all` also sends every other active subscription's
 * next digest early (that period is then not sent again). Meant for cron: `* * * * * spool send-digests --due`.
 * On SIGTERM/SIGINT it stops taking chats, waits for the sends in flight, releases the rest to
 * the next run, closes the database and exits 1.
 */
export function registerSendDigestsCommand(program: Command): void {
  program
    .command('send-digests')
    .description('deliver the digests that are due (or all), then exit')
    .option('--due', 'only what is due now, catch-up included (default)')
    .option('--all', 'also every subscription’s next digest, early')
    .option('--json', 'print the run report as JSON')
    .action((opts: { due?: boolean; all?: boolean; json?: boolean }) =>
      withServices(program, async (services) => {
        if (opts.due && opts.all) throw new UsageError('use --due or --all, not both');
        const publishers = await publishersFromEnv(services.config.env, services.logger);
        if (publishers.length === 0) throw new UsageError('no platform to deliver to: set TELEGRAM_BOT_TOKEN or DISCORD_TOKEN');
        const { createDigestScheduler } = await import('../../app/services.ts');
        const scheduler = createDigestScheduler(services, publishers);
        let signal: NodeJS.Signals | undefined;
        const onSignal = (received: NodeJS.Signals) => {
          if (signal) return;
          signal = received;
          // Sockets kept alive by the platform clients must not keep a stopped process around.
          setTimeout(() => process.exit(1), EXIT_AFTER_SIGNAL_MS).unref();
          void scheduler.stop();
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
        try {
          const report = await scheduler.runOnce(services.clock.now(), opts.all ? 'all' : 'due');
          if (signal) await scheduler.stop();
          if (opts.json) print(JSON.stringify(report));
          else {
            print(
              `Digests: ${report.sent} sent (${report.messages} messages), ${report.empty} with nothing new, ${report.failed} to retry, ${report.gone + report.abandoned} chats paused, ${report.skipped} taken by another run.`,
            );
          }
          if (signal) throw new Error(`stopped by ${signal}: what was not sent goes out on the next run`);
        } finally {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
        }
      }),
    );
}
