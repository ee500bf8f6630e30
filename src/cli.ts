import { Command, CommanderError, Option } from 'commander';
import { renderReply } from './bots/console/render.ts';
import {
  composeDigest,
  describeFailure,
  isSort,
  normalizeLanguage,
  searchTerms,
  summarizeThread,
  threadToJson,
  type Reply,
  type StoredThread,
} from './core/index.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseOpenError } from './store/index.ts';
import type { Services } from './compose.ts';
import { hashtagOrFail, positiveInt, print, UsageError, withServices, type GlobalOptions } from './cli/context.ts';
import { importFiles, ImportUsageError } from './import-files.ts';
import { progressBar } from './progress.ts';
import { registerPollCommand } from './cli/poll.ts';
import { registerSendDigestsCommand } from './cli/send-digests.ts';
import { registerSubscriptionCommands } from './cli/subscriptions.ts';

function printReply(reply: Reply, services: Services): void {
  if (reply.kind === 'failure') throw new UsageError(reply.message);
  print(renderReply(reply, services.clock.now()));
}

/** "24h", "90m", "7d" or an ISO-8601 time → a Date before `now`. */
function parseSince(input: string, now: Date): Date {
  const relative = /^(\d+)\s*(m|h|d)$/u.exec(input.trim());
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const time = Date.parse(input);
  if (Number.isNaN(time)) throw new UsageError(`--since "${input}" is neither a duration like 24h nor an ISO-8601 time`);
  return new Date(time);
}

export function buildProgram(): Command {
  const program = new Command('spool')
    .description('Digests of social-media threads by hashtag, in Telegram, Discord and the console.')
    .option('--db <path>', 'SQLite database (env SPOOL_DB)', undefined)
    .option('--config <path>', 'config file (env SPOOL_CONFIG, default ./config/spool.json)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('start', { isDefault: true })
    .description('run everything configured; with no bot token, the console chat')
    .action(async () => {
      const globals = program.opts<GlobalOptions>();
      // Imported here so that the other commands do not load both bot libraries at start-up.
      const { startSpool } = await import('./main.ts');
      await startSpool(loadConfig({ configPath: globals.config, dbPath: globals.db }));
    });

  program
    .command('import')
    .description('parse files and store their threads')
    .argument('<file...>', 'files to import')
    .addOption(new Option('--format <format>', 'file format').default('auto'))
    .option('--tag <tag>', 'hashtag given to every thread (a Thread Reader page’s own tag otherwise)')
    .option('--json', 'print the summary as JSON')
    .action((files: string[], opts: { format: string; tag?: string; json?: boolean }) =>
      withServices(program, (services) => {
        const tag = opts.tag === undefined ? undefined : hashtagOrFail(opts.tag);
        const bar = process.stderr.isTTY && !opts.json ? progressBar(process.stderr) : undefined;
        let report;
        try {
          report = importFiles(services.stores.posts, files, { format: opts.format, tag, onProgress: bar?.update, group: services.stores.transactionGroup() });
        } catch (error) {
          if (error instanceof ImportUsageError) throw new UsageError(error.message);
          throw error;
        } finally {
          bar?.done();
        }
        if (opts.json) {
          print(JSON.stringify({ posts: report.posts, threads: report.threads, skipped: report.skipped, errors: report.errors, newThreads: report.newThreads, grownThreads: report.grownThreads, unchanged: report.unchanged }));
        } else {
          print(
            `Imported ${report.posts} posts: ${report.newThreads} new threads, ${report.grownThreads} grown, ${report.unchanged} posts unchanged, ${report.skipped} skipped.`,
          );
          for (const e of report.errors.slice(0, 20)) process.stderr.write(`  ${e.file}${e.line ? `:${e.line}` : ''}: ${e.reason}\n`);
          if (report.errors.length > 20) process.stderr.write(`  … and ${report.errors.length - 20} more\n`);
        }
      }),
    );

  program
    .command('threads')
    .description('what /threads answers')
    .argument('<hashtag>')
    .option('--sort <sort>', 'recent or best', 'recent')
    .option('--limit <n>', 'how many threads', positiveInt('--limit'), 10)
    .option('--lang <code>', 'only threads in this language (ISO 639-1, e.g. fr)')
    .option('--json', 'print threads as JSON')
    .action((input: string, opts: { sort: string; limit: number; lang?: string; json?: boolean }) =>
      withServices(program, (services) => {
        const tag = hashtagOrFail(input);
        if (!isSort(opts.sort)) throw new UsageError(`--sort must be recent or best, not "${opts.sort}"`);
        const lang = opts.lang === undefined ? undefined : normalizeLanguage(opts.lang);
        if (lang === 'und') throw new UsageError(`--lang "${opts.lang}" is not a language code like en, fr or zh`);
        const page = services.stores.threads.threadsByTag({ tag, sort: opts.sort, limit: opts.limit, lang });
        if (opts.json) return print(JSON.stringify(page.threads.map(threadToJson), null, 2));
        if (page.threads.length === 0 && services.stores.tags.tagCount(tag) === 0) {
          // Not an error (a script may ask about a tag before it has threads), but say what is known instead.
          const closest = services.stores.tags.closestTags(tag, 5);
          process.stderr.write(`${describeFailure({ code: 'hashtag.unknown', tag, closest })}\n`);
          return;
        }
        return printReply(
          { kind: 'threads', tag, sort: opts.sort, lang, items: page.threads.map((t) => summarize(services, t)), total: page.total, nextCursor: null },
          services,
        );
      }),
    );

  program
    .command('related')
    .description('hashtags that co-occur with one, most frequent first')
    .argument('<hashtag>')
    .option('--limit <n>', 'how many', positiveInt('--limit'), 10)
    .option('--json', 'print [{"tag","threads"}]')
    .action((input: string, opts: { limit: number; json?: boolean }) =>
      withServices(program, (services) => {
        const tag = hashtagOrFail(input);
        const related = services.stores.tags.relatedTags(tag, opts.limit);
        if (opts.json) return print(JSON.stringify(related));
        return printReply({ kind: 'related', tag, related }, services);
      }),
    );

  program
    .command('search')
    .description('full-text search over stored threads')
    .argument('<words...>')
    .option('--tag <tag>', 'only threads with this hashtag')
    .option('--limit <n>', 'how many', positiveInt('--limit'), 10)
    .option('--json', 'print threads as JSON')
    .action((wordList: string[], opts: { tag?: string; limit: number; json?: boolean }) =>
      withServices(program, (services) => {
        const words = wordList.join(' ');
        if (searchTerms(words).length === 0) throw new UsageError(describeFailure({ code: 'search.invalid', input: words }));
        const tag = opts.tag === undefined ? undefined : hashtagOrFail(opts.tag);
        const page = services.stores.threads.search({ words, tag, limit: opts.limit });
        if (opts.json) return print(JSON.stringify(page.threads.map(threadToJson), null, 2));
        return printReply(
          { kind: 'search', words, items: page.threads.map((t) => summarize(services, t)), total: page.total, nextCursor: null },
          services,
        );
      }),
    );

  program
    .command('digest')
    .description('render the digest a subscription would receive, without sending it')
    .argument('<hashtag>')
    .option('--since <when>', 'window start: a duration like 24h or an ISO-8601 time', '24h')
    .addOption(new Option('--platform <platform>', 'render for').choices(['console', 'telegram', 'discord']).default('console'))
    .option('--json', 'print the digest as JSON')
    .action((input: string, opts: { since: string; platform: string; json?: boolean }) =>
      withServices(program, async (services) => {
        const tag = hashtagOrFail(input);
        const until = services.clock.now();
        const since = parseSince(opts.since, until);
        const maxThreads = services.config.file.digests.maxThreads;
        const threads = services.stores.threads.changedThreads({ tag, since, until, limit: maxThreads });
        const digest = composeDigest({ tag, threads, since, until, links: services.routerServices.links });
        if (opts.json) return print(JSON.stringify(digest, null, 2));
        // Each platform's own renderer: what a subscription there would receive, message by message.
        if (opts.platform === 'telegram') {
          const { renderTelegramDigest } = await import('./bots/telegram/index.ts');
          return print(renderTelegramDigest(digest).join('\n\n———\n\n'));
        }
        if (opts.platform === 'discord') {
          const { renderDiscordDigest } = await import('./bots/discord/index.ts');
          return print(JSON.stringify(renderDiscordDigest(digest), null, 2));
        }
        return printReply({ kind: 'digest', digest }, services);
      }),
    );

  registerPollCommand(program, { followedHashtags: (services) => services.stores.subscriptions.followedTags() });
  registerSubscriptionCommands(program);
  registerSendDigestsCommand(program);
  return program;
}

function summarize(services: Services, thread: StoredThread) {
  return summarizeThread(thread, services.routerServices.links);
}

/** Runs the CLI; returns the exit status (0 done, 2 bad usage or input, 1 anything else). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one line (or the help / version, which exit 0).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DatabaseOpenError) {
      process.stderr.write(`spool: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`spool: ${(error as Error).message ?? String(error)}\n`);
    if (process.env['LOG_LEVEL'] === 'debug' || process.env['LOG_LEVEL'] === 'trace') console.error(error);
    return 1;
  }
}
