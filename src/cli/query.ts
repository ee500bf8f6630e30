import type { ChatContext, Reply, RunOptions } from '../core/index.ts';
import { DEFAULT_PRESENTATION } from '../core/settings-commands.ts';
import type { Services } from '../app/services.ts';
import { note, print, UsageError } from './context.ts';
import { describeFailure } from './core.ts';

/** The CLI as a chat: an operator at a terminal, for whom nothing is delivered. */
const CLI_CHAT: ChatContext = { platform: 'cli', chatId: 'cli', deliverable: false, isAdmin: async () => true, botCanPost: async () => true };

/**
 * Runs a chat command for the CLI: the same router, parsing and wording as every chat. A tag (or an
 * author) with no threads is a query that found nothing (its sentence goes to stderr, the caller prints the empty
 * answer); any other failure is a usage mistake (exit 2).
 */
export async function runQuery(services: Services, command: string, args: readonly string[], options: RunOptions = {}): Promise<Reply | undefined> {
  const reply = await services.router.execute(command, args, CLI_CHAT, options);
  if (reply.kind !== 'failure') return reply;
  if (reply.failure.code === 'hashtag.unknown' || reply.failure.code === 'author.unknown') {
    note(describeFailure(reply.failure));
    return undefined;
  }
  throw new UsageError(describeFailure(reply.failure));
}

/** Prints a reply as the console chat shows it. */
export async function printReply(services: Services, reply: Reply): Promise<void> {
  const { renderReply } = await import('../platforms/console/render.ts');
  // An operator at a terminal reads everything: sensitive threads in the clear, with their warnings.
  print(renderReply(reply, services.clock.now(), { ...DEFAULT_PRESENTATION, sensitive: 'show' }));
}
