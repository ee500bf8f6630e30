import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatContext, Clock, Reply } from '../../core/index.ts';
import { renderReply } from './render.ts';

export interface ConsoleRouter {
  handleText(text: string, ctx: ChatContext): Promise<Reply | undefined>;
}

/** The console is its own chat, and whoever types at it is its administrator. */
export const CONSOLE_CHAT: ChatContext = { platform: 'console', chatId: 'console', isAdmin: async () => true };

/**
 * The console chat: the bots' commands read line by line. On a terminal it shows a prompt;
 * from a pipe it answers each line and ends at EOF (`printf '/threads xinjiang\n' | npm start`).
 * A line without a slash is read as a hashtag, because that is what people type first.
 */
export async function runConsoleChat(options: {
  readonly router: ConsoleRouter;
  readonly input: Readable;
  readonly output: Writable;
  readonly interactive: boolean;
  readonly clock: Clock;
  readonly onError: (error: unknown) => void;
}): Promise<void> {
  const { router, output, interactive } = options;
  const lines = createInterface({ input: options.input, terminal: interactive, crlfDelay: Infinity });
  const prompt = (): void => {
    if (interactive) output.write('spool> ');
  };
  if (interactive) output.write('Spool console chat. /help lists the commands; Ctrl-D quits.\n');
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      prompt();
      continue;
    }
    if (line === '/quit' || line === '/exit') break;
    const text = line.startsWith('/') ? line : `/threads ${line}`;
    try {
      const reply = await router.handleText(text, CONSOLE_CHAT);
      output.write(`${reply ? renderReply(reply, options.clock.now()) : 'Commands start with /; /help lists them.'}\n\n`);
    } catch (error) {
      options.onError(error);
      output.write('Something went wrong on our side; it has been logged.\n\n');
    }
    prompt();
  }
  lines.close();
}
