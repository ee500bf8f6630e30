import { Command, CommanderError } from 'commander';
import { editDistance } from '../core/closest.ts';
import { registerChatCommand, runDefault } from './commands/chat.ts';
import { registerDigestCommand } from './commands/digest.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerPollCommand } from './commands/poll.ts';
import { registerRelatedCommand } from './commands/related.ts';
import { registerSearchCommand } from './commands/search.ts';
import { registerSendDigestsCommand } from './commands/send-digests.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerStoreCommands } from './commands/store.ts';
import { registerSubscriptionCommands } from './commands/subscriptions.ts';
import { registerThreadsCommand } from './commands/threads.ts';
import { registerUnrollCommand } from './commands/unroll.ts';
import { UsageError } from './context.ts';

/** "unknown command 'thread'. Did you mean threads?" — the closest command names within two edits. */
export function unknownCommandSentence(typed: string, names: readonly string[]): string {
  const close = names
    .map((name) => ({ name, distance: name.startsWith(typed) ? 0 : editDistance(typed, name, 2) }))
    .filter((c) => c.distance <= 2)
    .sort((a, b) => a.distance - b.distance)
    .map((c) => c.name);
  const hint = close.length > 0 ? ` Did you mean ${close.slice(0, 2).join(' or ')}?` : ' spool --help lists the commands.';
  return `unknown command '${typed}'.${hint}`;
}

export function buildProgram(): Command {
  const program = new Command('spool')
    .description(
      'Digests of social-media threads by hashtag, in chat apps and the console.\n' +
        'With no command: the service when a bot token is set, else the console chat.',
    )
    .option('--db <path>', 'SQLite database (env SPOOL_DB, default ./data/spool.db)')
    .option('--config <path>', 'config file (env SPOOL_CONFIG, default ./config/spool.json)')
    .argument('[command...]')
    .usage('[options] [command]')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  registerStartCommand(program);
  registerChatCommand(program);
  registerImportCommand(program);
  registerThreadsCommand(program);
  registerRelatedCommand(program);
  registerSearchCommand(program);
  registerUnrollCommand(program);
  registerDigestCommand(program);
  registerPollCommand(program);
  registerSubscriptionCommands(program);
  registerSendDigestsCommand(program);
  registerStoreCommands(program);

  // Reached only when no subcommand matched: a bare `spool`, or a mistyped command name.
  program.action(async ([typed]: string[]) => {
    if (typed !== undefined)
      throw new UsageError(
        unknownCommandSentence(
          typed,
          program.commands.map((c) => c.name()),
        ),
      );
    await runDefault(program);
  });
  return program;
}

/** Errors whose message is the one sentence to show, and the exit status it earns. */
const KNOWN_FAILURES: Record<string, number> = {
  UsageError: 2,
  ConfigError: 2,
  DatabaseOpenError: 2,
  ServiceHeldError: 2,
  ReaderAddressError: 2,
  ServiceFailedError: 1,
  CopyConflictError: 2,
};

function exitStatusOf(error: Error): number | undefined {
  const status = (error as { exitStatus?: unknown }).exitStatus;
  return typeof status === 'number' ? status : undefined;
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
    // A platform's start-up error carries its own status (`exitStatus`): its message is the sentence to show.
    const status = error instanceof Error ? (KNOWN_FAILURES[error.name] ?? exitStatusOf(error)) : undefined;
    // Through the redactor: a library's error may carry a request URL that holds a token.
    const { describeUncaught } = await import('../app/redact.ts');
    const debug = process.env['LOG_LEVEL'] === 'debug' || process.env['LOG_LEVEL'] === 'trace';
    process.stderr.write(describeUncaught(error, { debug }));
    return status ?? 1;
  }
}
