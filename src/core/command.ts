import type { Failure } from './failures.ts';
import type { Reply } from './replies.ts';
import type { Result } from './result.ts';

/**
 * Where a command came from. Every platform builds one per message or interaction; commands never see
 * the platform itself, only what it can answer.
 */
export interface ChatContext {
  /** The platform's id in the registry ('console' for the terminal). */
  readonly platform: string;
  readonly chatId: string;
  /** Forum topic or thread, when the command was sent in one. */
  readonly topicId?: string | undefined;
  /** The person who typed it (per-user limits); undefined when the platform cannot tell. */
  readonly userId?: string | undefined;
  /** Whether digests can be delivered here (the console chat has no one to deliver to). */
  readonly deliverable: boolean;
  /**
   * The language the platform reports for the person, or for the server: the chat's interface
   * language unless `/language` set one.
   */
  readonly locale?: string | undefined;
  /** False where age-restricted threads may not go (a channel the platform has not marked for adults); allowed when unset. */
  readonly ageRestrictedAllowed?: boolean | undefined;
  /** Asked only by commands that declare `chat-admin`, so ordinary commands cost no API call. */
  isAdmin(): Promise<boolean>;
  /** Asked only by commands that declare `bot-can-post-in-target`: can the bot post in `chatId`? */
  botCanPost(): Promise<boolean>;
}

/**
 * What a command needs to be true before it runs. Declared as data, checked once by the router, each
 * answered by the platform's ChatContext (one asks the chat's member list, another reads permissions).
 * - `deliverable-chat`: digests can be delivered to the chat;
 * - `chat-admin`: the sender may change the chat's settings;
 * - `bot-can-post-in-target`: the bot may post in the chat the command acts on (which may be another
 *   channel than the one it was typed in).
 */
export type Precondition = 'deliverable-chat' | 'chat-admin' | 'bot-can-post-in-target';

/** One typed option of a command: what the help, slash-command options and command menus are made from. */
export interface CommandOption {
  readonly name: string;
  /** `chat` names the chat to act on (a channel option, an @channel argument); it is not a word of the command. */
  readonly kind: 'hashtag' | 'text' | 'choice' | 'time' | 'timezone' | 'chat';
  readonly description: string;
  readonly required?: boolean;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  /** How the help shows it (`HH:MM`); the name otherwise. */
  readonly label?: string;
  /** Takes every remaining word (search words). */
  readonly rest?: boolean;
  readonly maxLength?: number;
}

/** Options a front end passes besides the typed words. */
export interface RunOptions {
  /** The page a button or `/more` asked for. */
  readonly cursor?: string | undefined;
  /** More or fewer results than a chat page (the CLI's --limit). */
  readonly limit?: number | undefined;
  /** Only threads in this language (the CLI's --lang). */
  readonly lang?: string | undefined;
}

/**
 * A chat command, declared once: its options and preconditions are data (the help, every platform's
 * command menu and slash commands, and the CLI come from them), `parse` checks the words
 * without any I/O (so a typo never costs an admin lookup), and `run` does the work.
 */
export interface CommandDefinition<S, I = unknown> {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CommandOption[];
  readonly preconditions?: readonly Precondition[];
  /**
   * The command also runs on a message someone else sent, its text as the words: a platform offers
   * it in a message's menu under `label`, or runs it on the message a command replies to.
   */
  readonly messageAction?: { readonly label: string } | undefined;
  parse(args: readonly string[]): Result<I, Failure>;
  run(input: I, ctx: ChatContext, services: S, options: RunOptions): Promise<Reply>;
}

/** Keeps a command's input type inside its own definition, so a list can hold commands of every input. */
export function defineCommand<S, I>(definition: CommandDefinition<S, I>): CommandDefinition<S> {
  return definition as unknown as CommandDefinition<S>;
}

/** `/threads <hashtag> [recent|best]`: required options in <>, optional in [], choices spelled out. */
export function usageOf(definition: Pick<CommandDefinition<unknown>, 'name' | 'options'>): string {
  const words = definition.options
    .filter((o) => o.kind !== 'chat')
    .map((o) => {
      const label = o.choices ? o.choices.map((c) => c.value).join('|') : (o.label ?? o.name);
      const shown = o.rest ? `${label}…` : label;
      return o.required ? `<${shown}>` : `[${shown}]`;
    });
  return [`/${definition.name}`, ...words].join(' ');
}

/** Typed option values (a slash command's) → the words the router parses, in declared order. */
export function argsFromOptions(definition: Pick<CommandDefinition<unknown>, 'options'>, read: (name: string) => string | undefined): string[] {
  return definition.options
    .filter((o) => o.kind !== 'chat')
    .map((o) => read(o.name)?.trim())
    .filter((value): value is string => value !== undefined && value !== '')
    .flatMap((value) => value.split(/\s+/u));
}
