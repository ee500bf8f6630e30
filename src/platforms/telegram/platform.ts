import { z } from 'zod';
import { definePlatform } from '../platform.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const httpUrl = z.url({ protocol: /^https?$/u });

export interface TelegramSettings {
  readonly token: string;
  readonly apiRoot: string;
}

/**
 * Telegram: enabled by TELEGRAM_BOT_TOKEN. Chats are numeric ids (groups negative) or a public
 * channel's @username. No idempotency key exists for sendMessage, so deliveries go through a gate
 * (34 ms apart: Telegram's 30 messages/s) that lets a crash re-send at most one message.
 */
export const telegramPlatform = definePlatform<TelegramSettings>({
  id: 'telegram',
  bot: true,
  secrets: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'],
  env: {
    TELEGRAM_BOT_TOKEN: optional,
    TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
  },
  settings: (env) =>
    typeof env['TELEGRAM_BOT_TOKEN'] === 'string' ? { token: env['TELEGRAM_BOT_TOKEN'], apiRoot: String(env['TELEGRAM_API_ROOT']) } : undefined,
  chatId: { pattern: /^(?:-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/u, example: 'a number like -1001234567890, or @channel' },
  pacing: { concurrency: 30, gate: { minIntervalMs: 34, holdMs: 1000 } },
  load: () => import('./module.ts').then((m) => m.telegramModule),
});
