import type { Command } from 'commander';
import { oneLine } from '../../core/text.ts';
import type { PollReport, SourcePollReport } from '../../sources/poller.ts';
import { print, UsageError, withServices } from '../context.ts';

/** "mastodon mastodon.social: 12 posts, 2 new threads, 1 grown, 3 skipped, 4 requests, 1 error". */
export function describeSourceRound(report: SourcePollReport): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    plural(report.posts, 'post'),
    plural(report.newThreads, 'new thread'),
    `${report.grownThreads} grown`,
    `${report.skipped} skipped`,
    plural(report.requests, 'request'),
    plural(report.errors.length, 'error'),
  ];
  const failing = report.failingSince ? ` — FAILING since ${report.failingSince}` : '';
  return `${report.source}: ${parts.join(', ')}${failing}`;
}

function printRound(report: SourcePollReport): void {
  print(describeSourceRound(report));
  for (const error of report.errors.slice(0, 10)) process.stderr.write(`  ${oneLine(report.source, 120)}: ${oneLine(error, 1000)}\n`);
  if (report.errors.length > 10) process.stderr.write(`  … and ${report.errors.length - 10} more\n`);
}

/**
 * `spool poll [--once] [--json]`: fetches every configured source into the database. With `--once`
 * one round, then exit (status 1 when every source failed); without, each source on its `every`
 * until SIGINT or SIGTERM, one line per source and round.
 */
export function registerPollCommand(program: Command): void {
  program
    .command('poll')
    .description('fetch every configured source (once, then exit, with --once)')
    .option('--once', 'one round of every source, then exit')
    .option('--json', 'with --once: print the round as JSON')
    .action((opts: { once?: boolean; json?: boolean }) =>
      withServices(program, async (services) => {
        const sources = services.config.file.sources;
        if (sources.length === 0) {
          throw new UsageError('no sources configured: add "sources" to the config file (see README, "Live sources")');
        }
        const { createPoller, credentialsFromEnv } = await import('../../sources/poller.ts');
        const poller = createPoller({
          sources,
          credentials: credentialsFromEnv(services.config.env),
          cursors: services.stores.cursors,
          sink: services.stores.posts,
          log: services.logger,
          clock: services.clock,
          // Hashtags chats subscribe to, asked at every round: a new subscription is polled without a restart.
          followedHashtags: () => services.stores.subscriptions.followedTags(),
          ...(opts.once ? {} : { onRound: printRound }),
        });
        if (opts.once) {
          const report: PollReport = await poller.pollOnce();
          if (opts.json) print(JSON.stringify(report, null, 2));
          else report.sources.forEach(printRound);
          if (report.sources.every((s) => s.failed)) throw new Error('every source failed this round (see the errors above)');
          return;
        }
        poller.start();
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await poller.stop();
      }),
    );
}
