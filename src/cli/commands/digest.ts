import { Option, type Command } from 'commander';
import { note, print, UsageError, withServices } from '../context.ts';

/** "24h", "90m", "7d" or an ISO-8601 time → a Date before `now`. */
export function parseSince(input: string, now: Date): Date {
  const relative = /^(\d+)\s*(m|h|d)$/u.exec(input.trim());
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const time = Date.parse(input);
  if (Number.isNaN(time)) throw new UsageError(`--since "${input}" is neither a duration like 24h nor an ISO-8601 time`);
  return new Date(time);
}

/**
 * `spool digest <hashtag>`: the digest a subscription would receive, rendered for a platform, not sent.
 * An empty digest is a query that found nothing: exit 0, one line on stderr (the JSON still printed with --json).
 */
export function registerDigestCommand(program: Command): void {
  program
    .command('digest')
    .description('render the digest a subscription would receive, without sending it')
    .argument('<hashtag>')
    .option('--since <when>', 'window start: a duration like 24h or an ISO-8601 time', '24h')
    .addOption(new Option('--platform <platform>', 'render for: console or a platform id (spool subscriptions add --help lists them)').default('console'))
    .option('--json', 'print the digest as JSON')
    .action((input: string, opts: { since: string; platform: string; json?: boolean }) =>
      withServices(program, async (services) => {
        const { composeDigest } = await import('../core.ts');
        const { hashtagOrFail, unknownTagNote } = await import('../arguments.ts');
        const tag = hashtagOrFail(input);
        const { findPlatform, PLATFORMS } = await import('../../platforms/index.ts');
        const platform = opts.platform === 'console' ? undefined : findPlatform(opts.platform);
        if (opts.platform !== 'console' && !platform) {
          throw new UsageError(`--platform "${opts.platform}" is not one of console, ${PLATFORMS.map((p) => p.id).join(', ')}`);
        }
        const until = services.clock.now();
        const since = parseSince(opts.since, until);
        const threads = await services.stores.threads.changedThreads({ tag, since, until, limit: services.config.file.digests.maxThreads });
        const digest = composeDigest({ tag, threads, since, until, links: services.routerServices.links });
        if (digest.items.length === 0) {
          note(
            (await unknownTagNote(tag, services.stores.tags)) ?? `Nothing new about #${tag} since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
          );
          if (opts.json) print(JSON.stringify(digest, null, 2));
          return;
        }
        if (opts.json) return print(JSON.stringify(digest, null, 2));
        // Each platform's own renderer: what a subscription there would receive, message by message.
        if (platform) return print((await platform.load()).previewDigest(digest));
        const { renderReply } = await import('../../platforms/console/render.ts');
        print(renderReply({ kind: 'digest', digest }, until));
      }),
    );
}
