import { composeDigest, summarizeThread, type LinkOptions } from './digest.ts';
import type { Failure } from './failures.ts';
import { parseHashtagArgument } from './hashtags.ts';
import { describeFailure } from './messages.ts';
import type { Clock, TagStore, ThreadStore } from './ports.ts';
import { isSort, type Sort } from './rank.ts';
import type { CommandHelp, Reply } from './replies.ts';
import { fail, ok, type Result } from './result.ts';
import { searchTerms } from './search.ts';
import { clipText } from './text.ts';

/** Where a command came from. Subscription commands need to know the chat and whether the sender may manage it. */
export interface ChatContext {
  readonly platform: 'console' | 'telegram' | 'discord';
  readonly chatId: string;
  /** Telegram forum topic or Discord thread, when the command was sent in one. */
  readonly topicId?: string | undefined;
  /** Who sent the command (platform user id), when known: per-person limits count by it. */
  readonly userId?: string | undefined;
  /** Asked only by commands that change the chat's settings, so ordinary commands cost no API call. */
  isAdmin(): Promise<boolean>;
  /**
   * Whether Spool can post in this chat, asked before a subscription is made; absent where the
   * platform has already made sure (a Telegram channel is checked before the command runs).
   */
  botCanPost?(): Promise<boolean>;
}

export interface RouterServices {
  readonly threads: ThreadStore;
  readonly tags: TagStore;
  readonly clock: Clock;
  readonly links?: LinkOptions;
  /** Threads per chat page; chats show fewer than the CLI. */
  readonly pageSize?: number;
}

/** Options a front end passes besides the typed words: the page a button asked for. */
export interface RunOptions {
  readonly cursor?: string | undefined;
}

/**
 * A chat command: its help text and what it does. The list of commands is data, so the help,
 * Telegram's `setMyCommands` and Discord's registration all come from the same place.
 */
export interface CommandDefinition<S = RouterServices> {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
  run(args: readonly string[], ctx: ChatContext, services: S, options: RunOptions): Promise<Reply> | Reply;
}

export const DEFAULT_PAGE_SIZE = 5;
/**
 * A person's own words echoed in an answer ("Threads mentioning “…”") are cut to this many code
 * points: a pasted novel must not come back, nor push a Telegram message past 4096 characters.
 */
export const ECHO_CHARS = 100;
const RELATED_LIMIT = 10;
const DIGEST_WINDOW_MS = 24 * 3_600_000;
const DIGEST_LIMIT = 10;

export function failureReply(failure: Failure): Reply {
  return { kind: 'failure', failure, message: describeFailure(failure) };
}

/** A typed hashtag that must also be known to the store; unknown ones come back with the closest known. */
export function resolveKnownTag(input: string | undefined, tags: TagStore): Result<string, Failure> {
  if (input === undefined || input.trim() === '') return fail({ code: 'hashtag.missing' });
  const parsed = parseHashtagArgument(input);
  if (!parsed.ok) return parsed;
  if (tags.tagCount(parsed.value) === 0) {
    return fail({ code: 'hashtag.unknown', tag: parsed.value, closest: tags.closestTags(parsed.value, 5) });
  }
  return ok(parsed.value);
}

export const threadsCommand: CommandDefinition = {
  name: 'threads',
  usage: '/threads <hashtag> [recent|best]',
  description: 'The latest (or best) threads about a hashtag',
  run(args, _ctx, services, options) {
    const tag = resolveKnownTag(args[0], services.tags);
    if (!tag.ok) return failureReply(tag.failure);
    const sortArg = (args[1] ?? 'recent').toLowerCase();
    if (!isSort(sortArg)) return failureReply({ code: 'sort.invalid', input: args[1] ?? '' });
    const sort: Sort = sortArg;
    const page = services.threads.threadsByTag({
      tag: tag.value,
      sort,
      limit: services.pageSize ?? DEFAULT_PAGE_SIZE,
      cursor: options.cursor,
    });
    return {
      kind: 'threads',
      tag: tag.value,
      sort,
      items: page.threads.map((t) => summarizeThread(t, services.links)),
      total: page.total,
      cursor: options.cursor,
      nextCursor: page.nextCursor,
    };
  },
};

export const relatedCommand: CommandDefinition = {
  name: 'related',
  usage: '/related <hashtag>',
  description: 'Hashtags that appear together with this one',
  run(args, _ctx, services) {
    const tag = resolveKnownTag(args[0], services.tags);
    if (!tag.ok) return failureReply(tag.failure);
    return { kind: 'related', tag: tag.value, related: services.tags.relatedTags(tag.value, RELATED_LIMIT) };
  },
};

export const searchCommand: CommandDefinition = {
  name: 'search',
  usage: '/search <words>',
  description: 'Search the text of stored threads',
  run(args, _ctx, services, options) {
    const words = args.join(' ').trim();
    if (words === '') return failureReply({ code: 'search.missing' });
    if (searchTerms(words).length === 0) return failureReply({ code: 'search.invalid', input: words });
    const page = services.threads.search({ words, limit: services.pageSize ?? DEFAULT_PAGE_SIZE, cursor: options.cursor });
    return {
      kind: 'search',
      words: clipText(words, ECHO_CHARS),
      items: page.threads.map((t) => summarizeThread(t, services.links)),
      total: page.total,
      nextCursor: page.nextCursor,
    };
  },
};

export const digestCommand: CommandDefinition = {
  name: 'digest',
  usage: '/digest <hashtag>',
  description: 'The digest of the last 24 hours for a hashtag',
  run(args, _ctx, services) {
    const tag = resolveKnownTag(args[0], services.tags);
    if (!tag.ok) return failureReply(tag.failure);
    const until = services.clock.now();
    const since = new Date(until.getTime() - DIGEST_WINDOW_MS);
    const threads = services.threads.changedThreads({ tag: tag.value, since, until, limit: DIGEST_LIMIT });
    return { kind: 'digest', digest: composeDigest({ tag: tag.value, threads, since, until, links: services.links }) };
  },
};

/**
 * Builds the router every chat front end shares. `commands` is the explicit list; `/help` and
 * `/start` are added here because they describe that list.
 */
export function createCommandRouter<S extends RouterServices>(
  services: S,
  commands: readonly CommandDefinition<S>[],
): ChatRouter {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const help: CommandHelp[] = [
    ...commands.map(({ name, usage, description }) => ({ name, usage, description })),
    { name: 'help', usage: '/help', description: 'What this bot can do' },
  ];

  async function execute(name: string, args: readonly string[], ctx: ChatContext, options: RunOptions = {}): Promise<Reply> {
    const command = name.toLowerCase();
    if (command === 'help' || command === 'start') return { kind: 'help', commands: help };
    const definition = byName.get(command);
    if (!definition) return failureReply({ code: 'command.unknown', command });
    return definition.run(args, ctx, services, options);
  }

  return {
    /** The commands with their help, in order: for /help, `setMyCommands` and slash-command registration. */
    commands: help as readonly CommandHelp[],
    execute,
    /** A line as typed in a chat: `/threads@SpoolBot #Xinjiang best`. Text that is no command gets undefined. */
    async handleText(text: string, ctx: ChatContext, options: RunOptions = {}): Promise<Reply | undefined> {
      const parsed = parseCommandLine(text);
      if (!parsed) return undefined;
      return execute(parsed.name, parsed.args, ctx, options);
    },
  };
}

/** What a chat front end needs of the router: the command list and two ways to run a command. */
export interface ChatRouter {
  readonly commands: readonly CommandHelp[];
  execute(name: string, args: readonly string[], ctx: ChatContext, options?: RunOptions): Promise<Reply>;
  handleText(text: string, ctx: ChatContext, options?: RunOptions): Promise<Reply | undefined>;
}

/** `/name@bot a b` → `{ name, args, bot }`; anything not starting with `/` is not a command. */
export function parseCommandLine(text: string): { name: string; args: string[]; bot?: string } | undefined {
  const match = /^\/([\p{L}\p{N}_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/u.exec(text.trim());
  if (!match) return undefined;
  const [, name = '', bot, rest = ''] = match;
  const args = rest.trim() === '' ? [] : rest.trim().split(/\s+/u);
  return bot ? { name, args, bot } : { name, args };
}

/** The commands of this router; the scheduler adds the subscription commands beside them. */
export const CORE_COMMANDS: readonly CommandDefinition[] = [threadsCommand, relatedCommand, searchCommand, digestCommand];
