import type { Command } from 'commander';
import { configOf } from '../context.ts';

/** `spool chat`: the console chat (a prompt on a terminal; line by line from a pipe until EOF). */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('the console chat: the bots’ commands at a terminal (or piped in); a demo on an empty database')
    .action(async () => {
      const config = await configOf(program);
      const { runChat } = await import('../../app/chat.ts');
      await runChat(config, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
    });
}

/**
 * `spool` with no command (and `npm start`): the service when a platform's bot is configured, else the
 * console chat — a new user's first run is the demo, an operator's is the service.
 */
export async function runDefault(program: Command): Promise<void> {
  const config = await configOf(program);
  const { anyBotConfigured } = await import('../../app/platforms.ts');
  if (anyBotConfigured(config)) {
    const { startService } = await import('../../app/start.ts');
    return startService(config);
  }
  const { runChat } = await import('../../app/chat.ts');
  return runChat(config, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
}
