import type { ChatContext, CommandDefinition, Precondition, RunOptions } from './command.ts';
import { usageOf } from './command.ts';
import { DEFAULT_CHAT_SETTINGS, type ChatSettingsStore } from './chat-settings.ts';
import type { LinkOptions } from './digest.ts';
import type { Failure } from './failures.ts';
import { buttonRequest, createButtonCodec, type ButtonRequest } from './buttons.ts';
import type { AuthorStore, Clock, KeyStore, TagStore, ThreadStore } from './ports.ts';
import type { CommandHelp, Reply } from './replies.ts';
import { presentationOf, type Presentation } from './settings-commands.ts';

export type { ChatContext, RunOptions } from './command.ts';

export interface RouterServices {
  readonly threads: ThreadStore;
  readonly tags: TagStore;
  readonly authors: AuthorStore;
  /** Stand-ins for values too long for a button (a long search, a long thread id). */
  readonly keys: KeyStore;
  readonly clock: Clock;
  readonly links?: LinkOptions;
  /** Threads per chat page; chats show fewer than the CLI. */
  readonly pageSize?: number;
  /** Each chat's settings (pictures, sensitive threads, language); defaults everywhere when absent. */
  readonly chatSettings?: ChatSettingsStore;
}

/** How answers in the chat `ctx` are shown: its settings, with the platform's language as the default. */
export async function chatPresentation(services: Pick<RouterServices, 'chatSettings'>, ctx: ChatContext): Promise<Presentation> {
  const settings = services.chatSettings ? await services.chatSettings.get({ platform: ctx.platform, chatId: ctx.chatId }) : DEFAULT_CHAT_SETTINGS;
  return presentationOf(settings, ctx.locale, ctx.ageRestrictedAllowed ?? true);
}

export const DEFAULT_PAGE_SIZE = 5;
/**
 * A person's own words echoed in an answer ("Threads mentioning “…”") are cut to this many code
 * points: a pasted novel must not come back, nor push a chat message past the platform's limit.
 */
export const ECHO_CHARS = 100;

export function failureReply(failure: Failure): Reply {
  return { kind: 'failure', failure };
}

/** The failure a precondition that does not hold answers with; undefined when it holds. */
async function unmet(precondition: Precondition, command: string, ctx: ChatContext): Promise<Failure | undefined> {
  switch (precondition) {
    case 'deliverable-chat':
      return ctx.deliverable ? undefined : { code: 'command.unsupported', command };
    case 'chat-admin':
      return (await ctx.isAdmin()) ? undefined : { code: 'subscription.not-admin' };
    case 'bot-can-post-in-target':
      return (await ctx.botCanPost()) ? undefined : { code: 'chat.bot-cannot-post' };
  }
}

/** What a chat front end needs of the router: the declared commands and two ways to run one. */
export interface ChatRouter {
  /** The commands with their options, in order: for /help, `setMyCommands`, slash commands and the CLI. */
  readonly definitions: readonly CommandDefinition<never>[];
  readonly commands: readonly CommandHelp[];
  execute(name: string, args: readonly string[], ctx: ChatContext, options?: RunOptions): Promise<Reply>;
  /** A line as typed in a chat: `/threads@SpoolBot #Xinjiang best`. Text that is no command gets undefined. */
  handleText(text: string, ctx: ChatContext, options?: RunOptions): Promise<Reply | undefined>;
  /** How to show replies in this chat (language, pictures, sensitive threads): asked after `execute`, so a `/language` change shows at once. */
  presentationOf(ctx: ChatContext): Promise<Presentation>;
  /**
   * A pressed button (its code, as `createButtonCodec().encode` made it): the command it stands for,
   * to `execute` as if typed (its page as `cursor`). Undefined when the code is not Spool's or what it
   * pointed at is gone (say `wording.buttonExpired()`). `fresh`: answer with a new message rather than
   * editing the one the button is on.
   */
  readButton(code: string): Promise<ButtonRequest | undefined>;
}

const HELP = { name: 'help', description: 'What this bot can do', options: [] } as const;

/**
 * The router every front end shares. For each command: its words are parsed (a typo is answered
 * without any I/O), then its declared preconditions are checked in order, then it runs.
 * `/help` and `/start` describe the list.
 */
export function createCommandRouter<S extends RouterServices>(services: S, commands: readonly CommandDefinition<S>[]): ChatRouter {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const help: CommandHelp[] = [...commands, HELP].map((c) => ({ name: c.name, usage: usageOf(c), description: c.description }));
  // Decoding needs no size limit: any code this codec's siblings encoded is read back.
  const codec = createButtonCodec({ maxBytes: 64 });

  async function execute(name: string, args: readonly string[], ctx: ChatContext, options: RunOptions = {}): Promise<Reply> {
    const command = name.toLowerCase();
    if (command === 'help' || command === 'start') return { kind: 'help', commands: help };
    const definition = byName.get(command);
    if (!definition) return failureReply({ code: 'command.unknown', command });
    const input = definition.parse(args);
    if (!input.ok) return failureReply(input.failure);
    for (const precondition of definition.preconditions ?? []) {
      const failure = await unmet(precondition, command, ctx);
      if (failure) return failureReply(failure);
    }
    return definition.run(input.value, ctx, services, options);
  }

  return {
    definitions: [
      ...commands,
      { ...HELP, parse: () => ({ ok: true, value: undefined }), run: async () => ({ kind: 'help', commands: help }) },
    ] as unknown as readonly CommandDefinition<never>[],
    commands: help,
    execute,
    presentationOf: (ctx) => chatPresentation(services, ctx),
    async handleText(text, ctx, options = {}) {
      const parsed = parseCommandLine(text);
      if (!parsed) return undefined;
      return execute(parsed.name, parsed.args, ctx, options);
    },
    async readButton(code) {
      const button = await codec.decode(code, {
        tagsByPrefix: (prefix, limit) => services.tags.tagsByPrefix(prefix, limit),
        recall: (key) => services.keys.recall(key),
      });
      return button ? buttonRequest(button) : undefined;
    },
  };
}

/** `/name@bot a b` → `{ name, args, bot }`; anything not starting with `/` is not a command. */
export function parseCommandLine(text: string): { name: string; args: string[]; bot?: string } | undefined {
  const match = /^\/([\p{L}\p{N}_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/u.exec(text.trim());
  if (!match) return undefined;
  const [, name = '', bot, rest = ''] = match;
  const args = rest.trim() === '' ? [] : rest.trim().split(/\s+/u);
  return bot ? { name, args, bot } : { name, args };
}
