import { Bot, GrammyError, type Context } from 'grammy';
import {
  describeFailure,
  parseCommandLine,
  systemClock,
  type ChatContext,
  type ChatRouter,
  type Clock,
  type DigestPublisher,
  type LinkOptions,
  type Log,
  type Reply,
} from '../../core/index.ts';
import { configureApi, DEFAULT_API_ROOT, type ApiOptions } from './api.ts';
import { createCallbackCodec } from './callback.ts';
import { CHANNEL_MANAGED_COMMANDS, channelContext, splitChannelArgument } from './channel.ts';
import { chatContextOf, topicOf } from './context.ts';
import { createTelegramPublisherOnApi } from './publisher.ts';
import { renderReplyHtml } from './render.ts';

export interface TelegramBotOptions extends ApiOptions {
  /** `TELEGRAM_BOT_TOKEN`. Never logged. */
  readonly token: string;
  /** `TELEGRAM_API_ROOT`; the public Bot API when unset. */
  readonly apiRoot?: string | undefined;
  readonly router: ChatRouter;
  readonly log: Log;
  /** `SPOOL_PUBLIC_URL`, mentioned in /help when set. */
  readonly links?: LinkOptions | undefined;
  readonly clock?: Clock | undefined;
  /** Long-polling timeout in seconds (Telegram holds getUpdates this long when idle). */
  readonly pollingTimeoutS?: number | undefined;
}

export interface TelegramBot {
  /** Registers the commands and starts long polling; resolves once updates are being fetched. */
  start(): Promise<void>;
  /** Stops polling (confirming the updates handled) and waits for the loop to end. */
  stop(): Promise<void>;
  /** Digest delivery over this bot's API, sharing its rate limiter. */
  readonly publisher: DigestPublisher;
  /** The bot's @username, known after start(). */
  readonly username: string | undefined;
}

/** Start-up failed at the Bot API: a refused token or an unreachable server. The message never holds the token. */
export class TelegramStartupError extends Error {
  override readonly name = 'TelegramStartupError';
  constructor(
    message: string,
    readonly method: string,
    readonly status: number | undefined,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

function startupError(error: unknown, apiRoot: string, token: string): TelegramStartupError {
  if (error instanceof GrammyError) {
    const hint = error.error_code === 401 || error.error_code === 404 ? ': check TELEGRAM_BOT_TOKEN (from @BotFather)' : '';
    // A server that echoes the request (a hostile TELEGRAM_API_ROOT, a misconfigured proxy) would put the token here.
    const description = token.length > 0 ? error.description.replaceAll(token, '[redacted]') : error.description;
    return new TelegramStartupError(`Telegram refused ${error.method} (${error.error_code} ${description})${hint}`, error.method, error.error_code, { cause: error });
  }
  return new TelegramStartupError(`Cannot reach the Telegram Bot API at ${apiRoot}: check TELEGRAM_API_ROOT and the network`, 'getMe', undefined, { cause: error });
}

const COMMAND_NAME = /^[a-z0-9_]{1,32}$/u;
const REPLY_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/**
 * The Telegram bot: commands from the router in private chats, groups (`/threads@SpoolBot tag`)
 * and forum topics (answered in the same topic), inline buttons that page and re-sort by editing
 * the message, channel management from a private chat, and one error boundary that answers politely
 * and logs. Updates are handled one at a time (grammY's built-in long polling): replies wait for
 * Telegram's per-chat window, which is the price of never being rate limited.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { router, log } = options;
  const clock = options.clock ?? systemClock;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot ?? DEFAULT_API_ROOT } });
  configureApi(bot.api, log, options);
  const codec = createCallbackCodec();
  const known = new Set([...router.commands.map((c) => c.name.toLowerCase()), 'start', 'help']);
  let polling: Promise<void> | undefined;

  async function send(ctx: Context, reply: Reply): Promise<void> {
    const rendered = renderReplyHtml(reply, clock.now(), codec, options.links);
    const topic = topicOf(ctx);
    for (const [i, text] of rendered.messages.entries()) {
      const last = i === rendered.messages.length - 1;
      await ctx.reply(text, {
        ...REPLY_OPTIONS,
        ...(topic === undefined ? {} : { message_thread_id: topic }),
        ...(last && rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
      });
    }
  }

  bot.on('message:text', async (ctx) => {
    const parsed = parseCommandLine(ctx.msg.text);
    if (!parsed) return;
    const addressed = parsed.bot !== undefined;
    if (addressed && parsed.bot?.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    const name = parsed.name.toLowerCase();
    // In a group, a command for some other bot is none of our business unless it names us.
    if (ctx.chat.type !== 'private' && !addressed && !known.has(name)) return;
    let chat: ChatContext = chatContextOf(ctx, log);
    let args = parsed.args;
    const channel = ctx.chat.type === 'private' && CHANNEL_MANAGED_COMMANDS.has(name) ? splitChannelArgument(args) : undefined;
    if (channel) {
      const managed = await channelContext(ctx.api, channel.ref, { userId: ctx.from.id, botId: ctx.me.id }, log);
      if (!managed.ok) return send(ctx, { kind: 'notice', text: managed.failure });
      chat = managed.value;
      args = channel.rest;
    }
    await send(ctx, await router.execute(name, args, chat));
  });

  bot.on('callback_query:data', async (ctx) => {
    const pressed = codec.decode(ctx.callbackQuery.data);
    if (!pressed) {
      await ctx.answerCallbackQuery({ text: 'This button has expired: send the command again.' });
      return;
    }
    await ctx.answerCallbackQuery();
    const reply = await router.execute('threads', [pressed.tag, pressed.sort], chatContextOf(ctx, log), { cursor: pressed.cursor });
    if (pressed.fresh || !ctx.callbackQuery.message) return send(ctx, reply);
    const rendered = renderReplyHtml(reply, clock.now(), codec, options.links);
    if (rendered.messages.length > 1) log.warn({ parts: rendered.messages.length }, 'telegram: a page did not fit one message; editing with the first part');
    try {
      await ctx.editMessageText(rendered.messages[0] ?? '…', { ...REPLY_OPTIONS, ...(rendered.keyboard ? { reply_markup: rendered.keyboard } : {}) });
    } catch (error) {
      // Pressing the button of the page already shown changes nothing: Telegram says so, we ignore it.
      if (!(error instanceof GrammyError && error.description.includes('message is not modified'))) throw error;
    }
  });

  bot.catch(async ({ error, ctx }) => {
    const fields = error instanceof GrammyError ? { method: error.method, status: error.error_code, description: error.description } : {};
    log.error({ updateId: ctx.update.update_id, chatId: ctx.chat?.id, ...fields, err: error instanceof Error ? error.message : String(error) }, 'telegram: handler failed');
    if (!ctx.chat) return;
    const topic = topicOf(ctx);
    try {
      await ctx.reply(describeFailure({ code: 'internal' }), topic === undefined ? {} : { message_thread_id: topic });
    } catch (replyError) {
      log.warn({ chatId: ctx.chat.id, err: replyError instanceof Error ? replyError.message : String(replyError) }, 'telegram: could not send the apology either');
    }
  });

  async function registerCommands(): Promise<void> {
    const commands = router.commands
      .filter((c) => COMMAND_NAME.test(c.name))
      .slice(0, 100)
      .map((c) => ({ command: c.name, description: c.description.slice(0, 256) || c.name }));
    await bot.api.setMyCommands(commands);
  }

  return {
    publisher: createTelegramPublisherOnApi(bot.api, log),
    get username() {
      return bot.isInited() ? bot.botInfo.username : undefined;
    },
    async start() {
      try {
        // grammY's own init retries a network failure forever; ours gives up after a few tries and says why.
        if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
        await registerCommands();
      } catch (error) {
        throw startupError(error, options.apiRoot ?? DEFAULT_API_ROOT, options.token);
      }
      await new Promise<void>((resolve, reject) => {
        polling = bot
          .start({ timeout: options.pollingTimeoutS ?? 30, allowed_updates: ['message', 'callback_query'], onStart: () => resolve() })
          .catch((error: unknown) => {
            log.error({ err: error instanceof Error ? error.message : String(error) }, 'telegram: long polling stopped');
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
      log.info({ username: bot.botInfo.username }, 'telegram: bot is polling');
    },
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await polling;
    },
  };
}
