import type { Command } from 'commander';
import { print, UsageError, withServices } from '../context.ts';

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
        // Delivery-only publishers (no long polling, no gateway), so that this runs beside a live `spool start`;
        // each platform's library is loaded only when it is configured.
        const { publishersOf } = await import('../../app/platforms.ts');
        const { findPlatform } = await import('../../platforms/index.ts');
        const publishers = await publishersOf(services.config, services.logger);
        // Subscriptions of a platform that is not configured wait: say so, and refuse when nothing could go out.
        const active = await services.stores.subscriptions.list({ activeOnly: true });
        const ready = new Set(publishers.map((p) => p.platform));
        const waiting = new Map<string, number>();
        for (const s of active) if (!ready.has(s.target.platform)) waiting.set(s.target.platform, (waiting.get(s.target.platform) ?? 0) + 1);
        const waitingText = [...waiting].map(([id, n]) => `${n} ${n === 1 ? 'subscription waits' : 'subscriptions wait'} for ${id}`).join(', ');
        const tokens = [...waiting.keys()].map((id) => Object.keys(findPlatform(id)?.env ?? {})[0] ?? `a ${id} platform`).join(' and ');
        if (waiting.size > 0 && active.every((s) => !ready.has(s.target.platform))) {
          throw new UsageError(`no platform to deliver to: set ${tokens} (${waitingText})`);
        }
        if (waiting.size > 0) process.stderr.write(`${waitingText}: set ${tokens} to deliver them\n`);
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
