import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { definePlatform } from '../platform.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const httpUrl = z.url({ protocol: /^https?$/u });

export interface TelegramWebhook {
  /** Where Telegram POSTs updates (TELEGRAM_WEBHOOK_URL); its path is mounted on the web reader's server. */
  readonly url: string;
  /** TELEGRAM_WEBHOOK_SECRET, or one derived from the token: the same on every replica, never printed. */
  readonly secret: string;
}

export interface TelegramSettings {
  readonly token: string;
  readonly apiRoot: string;
  /** Updates by webhook (any replica may receive them) instead of long polling (one process at a time). */
  readonly webhook?: TelegramWebhook | undefined;
}

/** Telegram's rule for secret_token: 1–256 characters of A–Z, a–z, 0–9, `_` and `-`. */
const SECRET = /^[A-Za-z0-9_-]{1,256}$/u;

/**
 * Telegram: enabled by TELEGRAM_BOT_TOKEN. Chats are numeric ids (groups negative) or a public
 * channel's @username. No idempotency key exists for sendMessage, so deliveries go through a gate
 * (34 ms apart: Telegram's 30 messages/s) that lets a crash re-send at most one message.
 * Updates come by long polling (one process at a time), or with TELEGRAM_WEBHOOK_URL by webhook to any replica.
 */
export const telegramPlatform = definePlatform<TelegramSettings>({
  id: 'telegram',
  bot: true,
  secrets: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'],
  // The Bot API puts the token in the path: https://api.telegram.org/bot123456:AAH…/getMe
  secretShapes: [{ pattern: /\/bot\d+:[^/\s"'?#\\]+/gu, replacement: '/bot[redacted]' }],
  env: {
    TELEGRAM_BOT_TOKEN: optional,
    TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: optional.pipe(
      httpUrl.refine((url) => new URL(url).pathname.length > 1, 'needs a path of its own, like https://bot.example.org/telegram').optional(),
    ),
    TELEGRAM_WEBHOOK_SECRET: optional.pipe(z.string().regex(SECRET, 'must be 1–256 characters of A–Z, a–z, 0–9, _ and -').optional()),
  },
  checkEnv(env) {
    if (env['TELEGRAM_WEBHOOK_URL'] !== undefined && env['TELEGRAM_BOT_TOKEN'] === undefined) {
      return 'TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not: the webhook needs the bot token';
    }
    return undefined;
  },
  settings(env) {
    const token = env['TELEGRAM_BOT_TOKEN'];
    if (typeof token !== 'string') return undefined;
    const url = env['TELEGRAM_WEBHOOK_URL'];
    const secret = env['TELEGRAM_WEBHOOK_SECRET'];
    return {
      token,
      apiRoot: String(env['TELEGRAM_API_ROOT']),
      webhook: typeof url === 'string' ? { url, secret: typeof secret === 'string' ? secret : derivedSecret(token) } : undefined,
    };
  },
  chatId: { pattern: /^(?:-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/u, example: 'a number like -1001234567890, or @channel' },
  pacing: { concurrency: 30, gate: { minIntervalMs: 34, holdMs: 1000 } },
  singleReceiver: (settings) => settings.webhook === undefined,
  load: () => import('./module.ts').then((m) => m.telegramModule),
});

/** A webhook secret when none is configured: the same on every replica (all share the token), and not the token. */
function derivedSecret(token: string): string {
  return createHmac('sha256', token).update('spool telegram webhook').digest('base64url');
}
