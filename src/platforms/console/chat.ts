import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createButtonCodec, isPaged, message, pageButtons, type ChatContext, type ChatRouter, type Clock, type Reply } from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { renderReply } from './render.ts';

export type ConsoleRouter = Pick<ChatRouter, 'handleText' | 'execute' | 'readButton' | 'presentationOf'>;

/** The console presses its "next" buttons itself: the same codes the bots' buttons carry (no size limit here). */
const codec = createButtonCodec({ maxBytes: 1024 });

/** The console is its own chat, and whoever types at it is its administrator; nothing is delivered to it. */
export const CONSOLE_CHAT: ChatContext = {
  platform: 'console',
  chatId: 'console',
  deliverable: false,
  isAdmin: async () => true,
  botCanPost: async () => true,
};

/**
 * The console chat: the bots' commands read line by line. On a terminal it shows a prompt;
 * from a pipe it answers each line and ends at EOF (`printf '/threads xinjiang\n' | npm start`).
 * A line without a slash is read as a hashtag, because that is what people type first;
 * `/more` shows the next page of the last list (threads, search, an unrolled thread), as the bots' "next" button does.
 */
export async function runConsoleChat(options: {
  readonly router: ConsoleRouter;
  readonly input: Readable;
  readonly output: Writable;
  readonly interactive: boolean;
  readonly clock: Clock;
  /** Records a failed command; returns the sentence to show in its place. */
  readonly onError: (error: unknown) => string;
}): Promise<void> {
  const { router, output, interactive } = options;
  // On a terminal readline needs the output too, to echo what is typed and to offer line editing and history.
  const lines = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  // Ctrl-C at the prompt ends the chat (readline would otherwise only pause the input).
  lines.on('SIGINT', () => lines.close());
  const prompt = (): void => {
    if (interactive) output.write('spool> ');
  };
  if (interactive) output.write(`${translatorFor((await router.presentationOf(CONSOLE_CHAT)).locale).t('console.intro')}\n`);
  prompt();
  let last: Reply | undefined;
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      prompt();
      continue;
    }
    if (line === '/quit' || line === '/exit') break;
    const text = line.startsWith('/') ? line : `/threads ${line}`;
    try {
      const reply = text === '/more' ? await nextPage(router, last) : await router.handleText(text, CONSOLE_CHAT);
      if (reply && isPaged(reply)) last = reply;
      const presentation = await router.presentationOf(CONSOLE_CHAT);
      output.write(`${reply ? renderReply(reply, options.clock.now(), presentation) : translatorFor(presentation.locale).t('notACommand')}\n\n`);
    } catch (error) {
      output.write(`${options.onError(error)}\n\n`);
    }
    prompt();
  }
  lines.close();
}

/** `/more`: what the "next" button of the last list (threads, an author's, a search, a thread's pages) would show. */
async function nextPage(router: ConsoleRouter, last: Reply | undefined): Promise<Reply> {
  if (!last) return { kind: 'notice', message: message('more.nothing') };
  const next = pageButtons(last).next;
  if (!next) return { kind: 'notice', message: last.kind === 'threads' ? message('more.last', { tag: last.tag }) : message('more.lastPage') };
  const request = await router.readButton(codec.encode(next));
  if (!request) return { kind: 'notice', message: message('button.expired') };
  return router.execute(request.command, request.args, CONSOLE_CHAT, { cursor: request.cursor });
}
