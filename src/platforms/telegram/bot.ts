import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, GrammyError, webhookCallback } from 'grammy';
import {
  commandKeys,
  DEFAULT_LOCALE,
  SUPPORTED_LOCALES,
  systemClock,
  type ChatRouter,
  type Clock,
  type DigestPublisher,
  type LinkOptions,
  type Log,
  type TagStore,
} from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { configureApi, DEFAULT_API_ROOT, type ApiOptions } from './api.ts';
import type { BotEndpoint } from '../platform.ts';
import { installHandlers } from './handlers.ts';
import type { TelegramWebhook } from './platform.ts';
import { createTelegramPublisherOnApi } from './publisher.ts';

export interface TelegramBotOptions extends ApiOptions {
  /** `TELEGRAM_BOT_TOKEN`. Never logged. */
  readonly token: string;
  /** `TELEGRAM_API_ROOT`; the public Bot API when unset. */
  readonly apiRoot?: string | undefined;
  readonly router: ChatRouter;
  /** Stored tags: a button whose tag was too long for its callback data is resolved through them. */
  readonly tags: Pick<TagStore, 'tagsByPrefix'>;
  readonly log: Log;
  /** `SPOOL_PUBLIC_URL`, mentioned in /help when set. */
  readonly links?: LinkOptions | undefined;
  readonly clock?: Clock | undefined;
  /** Long-polling timeout in seconds (Telegram holds getUpdates this long when idle). */
  readonly pollingTimeoutS?: number | undefined;
  /**
   * Polling ended for good after start-up (409 Conflict: another process polls with this token; 401:
   * the token was revoked). The process should end, so that a supervisor notices instead of a bot that
   * stays up without serving.
   */
  readonly onFatal?: ((sentence: string, error: unknown) => void) | undefined;
  /** Webhook mode: updates arrive by HTTP at this URL (any replica), mounted through `mount`; long polling otherwise. */
  readonly webhook?: TelegramWebhook | undefined;
  readonly mount?: ((endpoint: BotEndpoint) => void) | undefined;
}

/** Telegram's allowed_updates for Spool: messages (commands) and button presses. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export interface TelegramBot {
  /** Registers the commands and starts long polling (or sets the webhook); resolves once updates can arrive. */
  start(): Promise<void>;
  /** Stops polling, waits for the updates being handled, and confirms them to Telegram. */
  stop(): Promise<void>;
  /** Digest delivery over this bot's API, sharing its rate limiter. */
  readonly publisher: DigestPublisher;
  /** The bot's @username, known after start(). */
  readonly username: string | undefined;
}

/** Start-up failed at the Bot API: a refused token or an unreachable server. The message never holds the token. */
export class TelegramStartupError extends Error {
  override readonly name = 'TelegramStartupError';
  /** The CLI ends with this status and the message as its one line. */
  readonly exitStatus = 1;
  constructor(
    message: string,
    readonly method: string,
    readonly status: number | undefined,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** One sentence for an error that ended long polling. */
export function describePollingEnd(error: unknown): string {
  if (error instanceof GrammyError && error.error_code === 409) {
    return 'Telegram answered 409 Conflict: another process is receiving updates for this bot token (only one may at a time); stop the other one';
  }
  if (error instanceof GrammyError && error.error_code === 401) return 'Telegram no longer accepts TELEGRAM_BOT_TOKEN (401 Unauthorized): was it revoked?';
  if (error instanceof GrammyError) return `Telegram long polling stopped: ${error.method} answered ${error.error_code} ${error.description}`;
  return `Telegram long polling stopped: ${error instanceof Error ? error.message : String(error)}`;
}

function startupError(error: unknown, apiRoot: string, token: string): TelegramStartupError {
  if (error instanceof GrammyError) {
    const hint = error.error_code === 401 || error.error_code === 404 ? ': check TELEGRAM_BOT_TOKEN (from @BotFather)' : '';
    // A server that echoes the request (a hostile TELEGRAM_API_ROOT, a misconfigured proxy) would put the token here.
    const description = token.length > 0 ? error.description.replaceAll(token, '[redacted]') : error.description;
    return new TelegramStartupError(`Telegram refused ${error.method} (${error.error_code} ${description})${hint}`, error.method, error.error_code, {
      cause: error,
    });
  }
  return new TelegramStartupError(`Cannot reach the Telegram Bot API at ${apiRoot}: check TELEGRAM_API_ROOT and the network`, 'getMe', undefined, {
    cause: error,
  });
}

const COMMAND_NAME = /^[a-z0-9_]{1,32}$/u;

/**
 * The Telegram bot over long polling. Updates are handled concurrently across chats and in order
 * within a chat (@grammyjs/runner with `sequentialize` by chat), so one slow chat — a reply waiting for
 * Telegram's per-chat window — holds up nobody else. See handlers.ts for what it answers.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { router, log } = options;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot ?? DEFAULT_API_ROOT } });
  configureApi(bot.api, log, options);
  let lastUpdateId: number | undefined;
  // Updates of one chat (or, without a chat, of one user) run one after another; others in parallel.
  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? 'none')));
  bot.use(async (ctx, next) => {
    lastUpdateId = Math.max(lastUpdateId ?? 0, ctx.update.update_id);
    await next();
  });
  installHandlers(bot, { router, tags: options.tags, log, clock: options.clock ?? systemClock, links: options.links });
  let runner: RunnerHandle | undefined;
  let ended = false;

  /**
   * The command menu: the default list (English) and one per other language, which Telegram shows to
   * people whose app is set to it (`language_code`). Names stay as typed; descriptions are translated.
   */
  async function registerCommands(): Promise<void> {
    const menu = (describe: (c: (typeof router.commands)[number]) => string) =>
      router.commands
        .filter((c) => COMMAND_NAME.test(c.name))
        .slice(0, 100)
        .map((c) => ({ command: c.name, description: describe(c).slice(0, 256) || c.name }));
    await bot.api.setMyCommands(menu((c) => c.description));
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
      const tr = translatorFor(locale);
      await bot.api.setMyCommands(
        menu((c) => tr.lookup(commandKeys(c).description) ?? c.description),
        { language_code: locale },
      );
    }
  }

  /**
   * Webhook mode: the endpoint is mounted first (so the first update finds it), then Telegram is told where
   * to POST. grammY's webhookCallback answers 401 to a request without the secret header Telegram sends, and
   * answers Telegram after 9 s even if a reply is still on its way, so that Telegram does not send it again.
   * Every replica sets the same URL; none deletes it on stop, since the others go on receiving.
   */
  async function startWebhook(webhook: TelegramWebhook): Promise<void> {
    if (!options.mount) throw new Error('webhook mode needs an HTTP server to mount on');
    const path = new URL(webhook.url).pathname;
    const handle = webhookCallback(bot, 'http', { secretToken: webhook.secret, onTimeout: 'return', timeoutMilliseconds: 9_000 });
    options.mount({
      path,
      handle: (req, res) =>
        void handle(req, res).catch((error: unknown) => {
          log.error({ err: error instanceof Error ? error.message : String(error) }, 'telegram: a webhook update failed');
          if (!res.headersSent) res.writeHead(500).end();
        }),
    });
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
    log.info({ path }, 'telegram: bot receives updates by webhook');
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
        if (options.webhook) {
          await startWebhook(options.webhook);
          return;
        }
        // Long polling and a webhook exclude each other: a webhook left by another deployment would make getUpdates fail.
        await bot.api.deleteWebhook();
      } catch (error) {
        throw startupError(error, options.apiRoot ?? DEFAULT_API_ROOT, options.token);
      }
      const handle = run(bot, {
        runner: { fetch: { timeout: options.pollingTimeoutS ?? 30, allowed_updates: [...ALLOWED_UPDATES] }, silent: true, maxRetryTime: 15 * 60_000 },
      });
      runner = handle;
      void handle.task()?.catch((error: unknown) => {
        ended = true;
        const sentence = describePollingEnd(error);
        if (options.onFatal) options.onFatal(sentence, error);
        else log.error({}, sentence);
      });
      log.info({ username: bot.botInfo.username }, 'telegram: bot is polling');
    },
    async stop() {
      const handle = runner;
      runner = undefined;
      if (!handle) return;
      if (handle.isRunning()) await handle.stop();
      // The runner confirms updates with the next getUpdates; confirm the last ones now, or a restart answers them again.
      // Not after a 409: that request would end the other process's long poll in turn.
      if (lastUpdateId !== undefined && !ended) {
        await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }).catch((error: unknown) => {
          log.warn({ err: error instanceof Error ? error.message : String(error) }, 'telegram: could not confirm the last updates');
        });
      }
    },
  };
}
