import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { print, UsageError } from '../context.ts';

const isUrl = (location: string): boolean => /^postgres(?:ql)?:\/\//iu.test(location);

/** A location as it may be printed: a URL loses its password. */
function shown(location: string): string {
  if (!isUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * `spool store copy --from SRC --to DST`: a whole store from one place to another — a SQLite file or a
 * PostgreSQL URL on either side — keeping every id; copying again changes nothing (docs/deployment.md).
 */
export function registerStoreCommands(program: Command): void {
  const store = program.command('store').description('move a whole store between SQLite and PostgreSQL');
  store
    .command('copy')
    .description('copy threads, posts, subscriptions, the delivery ledger and source cursors; idempotent')
    .requiredOption('--from <location>', 'the source: a SQLite file or postgres://…')
    .requiredOption('--to <location>', 'the destination: a SQLite file (created when missing) or postgres://…')
    .option('--json', 'print the rows copied per table as JSON')
    .action(async (opts: { from: string; to: string; json?: boolean }) => {
      if (opts.from === opts.to) throw new UsageError('--from and --to name the same store: give two different ones');
      if (!isUrl(opts.from) && !existsSync(opts.from)) throw new UsageError(`there is no database at ${opts.from} (--from)`);
      const { systemClock } = await import('../../core/index.ts');
      const { openStoresAt } = await import('../../app/services.ts');
      const { copyStore } = await import('../../store/copy.ts');
      const from = await openStoresAt(opts.from, systemClock);
      try {
        const to = await openStoresAt(opts.to, systemClock);
        try {
          const report = await copyStore(from, to);
          if (opts.json) return print(JSON.stringify(report));
          print(
            `Copied ${report.posts} posts, ${report.threads} threads, ${report.tags} hashtags, ${report.subscriptions} subscriptions, ` +
              `${report.delivery_ledger} ledger rows and ${report.source_cursors} source cursors from ${shown(opts.from)} to ${shown(opts.to)}.`,
          );
        } finally {
          await to.close();
        }
      } finally {
        await from.close();
      }
    });
}
