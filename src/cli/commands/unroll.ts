import type { Command } from 'commander';
import { configOf, print, UsageError } from '../context.ts';

/**
 * `spool unroll <post link>`: what /unroll answers, through the same router — the whole thread fetched
 * from its network, stored (or refreshed), and printed whole. A link the network refuses (deleted,
 * private, unsupported) is a mistake in the input: one line, exit 2. A network that does not answer
 * is a failure: one line, exit 1 (the details in the log: LOG_LEVEL=warn shows them).
 */
export function registerUnrollCommand(program: Command): void {
  program
    .command('unroll')
    .description('fetch, store and print the whole thread of a post link (X, Mastodon, Bluesky)')
    .argument('<link>', 'the link of any post of the thread')
    .option('--json', 'print the thread as JSON, with what the fetch changed')
    .action(async (link: string, opts: { json?: boolean }) => {
      const config = await configOf(program);
      const { createServices } = await import('../../app/services.ts');
      const { createLogger } = await import('../../app/logger.ts');
      // A person waits for one answer: log lines only when LOG_LEVEL asks for them.
      const services = await createServices(config, { logger: createLogger(config.env.LOG_LEVEL ?? 'error') });
      try {
        const { describeFailure, threadToJson } = await import('../core.ts');
        const { printReply } = await import('../query.ts');
        const chat = { platform: 'cli', chatId: 'cli', deliverable: false, isAdmin: async () => true, botCanPost: async () => true };
        // The whole thread on one page: a terminal scrolls.
        const reply = await services.router.execute('unroll', [link], chat, { limit: 100_000 });
        if (reply.kind === 'failure') {
          if (reply.failure.code === 'unroll.unavailable') throw new Error(describeFailure(reply.failure));
          throw new UsageError(describeFailure(reply.failure));
        }
        if (reply.kind !== 'thread') throw new Error(`unroll answered ${reply.kind}`);
        if (opts.json) return print(JSON.stringify({ ...threadToJson(reply.thread), update: reply.update ?? null }, null, 2));
        await printReply(services, reply);
      } finally {
        await services.close();
      }
    });
}
