import { z } from 'zod';
import { definePlatform } from '../platform.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const httpUrl = z.url({ protocol: /^https?$/u });

export interface DiscordSettings {
  readonly token: string;
  readonly apiUrl: string;
  readonly guildId: string | undefined;
}

/**
 * Discord: enabled by DISCORD_TOKEN. Chats are channel snowflakes. Every message carries a nonce
 * with enforce_nonce, so a re-send after a crash is harmless and no gate is needed.
 */
export const discordPlatform = definePlatform<DiscordSettings>({
  id: 'discord',
  bot: true,
  secrets: ['DISCORD_TOKEN'],
  env: {
    DISCORD_TOKEN: optional,
    DISCORD_API_URL: httpUrl.default('https://discord.com/api'),
    DISCORD_GUILD_ID: optional,
  },
  settings: (env) =>
    typeof env['DISCORD_TOKEN'] === 'string'
      ? { token: env['DISCORD_TOKEN'], apiUrl: String(env['DISCORD_API_URL']), guildId: env['DISCORD_GUILD_ID'] as string | undefined }
      : undefined,
  chatId: { pattern: /^\d{1,20}$/u, example: 'a channel id like 1234567890123456789' },
  pacing: { concurrency: 20 },
  load: () => import('./module.ts').then((m) => m.discordModule),
});
