import { z } from 'zod';
import { definePlatform } from '../platform.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const httpUrl = z.url({ protocol: /^https?$/u });

/** The gateway shards this process runs: `ids` of `count` (discord.js `shards` and `shardCount`). */
export interface DiscordShards {
  readonly ids: readonly number[];
  readonly count: number;
}

export interface DiscordSettings {
  readonly token: string;
  readonly apiUrl: string;
  readonly guildId: string | undefined;
  /** Unset: one shard, as Discord recommends for a bot in fewer than 2,500 guilds. */
  readonly shards?: DiscordShards | undefined;
}

/** "0,1" → [0, 1]; duplicates removed, order kept. */
function shardIds(text: string): number[] {
  return [...new Set(text.split(',').map((part) => Number(part.trim())))];
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
    /** The shards this replica runs, e.g. `0,1`; needs DISCORD_SHARD_COUNT. */
    DISCORD_SHARDS: optional.pipe(
      z
        .string()
        .regex(/^\s*\d{1,5}(\s*,\s*\d{1,5})*\s*$/u, 'must be shard numbers separated by commas, like 0,1')
        .optional(),
    ),
    /** How many shards the bot has in all (every replica says the same); alone, this replica runs them all. */
    DISCORD_SHARD_COUNT: z.coerce.number().int().min(1).max(100_000).optional(),
  },
  checkEnv(env) {
    const ids = env['DISCORD_SHARDS'];
    const count = env['DISCORD_SHARD_COUNT'];
    if (typeof ids === 'string' && typeof count !== 'number') return 'DISCORD_SHARDS needs DISCORD_SHARD_COUNT (how many shards the bot has in all, e.g. 4)';
    if (typeof ids === 'string' && typeof count === 'number') {
      const outside = shardIds(ids).find((id) => id >= count);
      if (outside !== undefined) return `DISCORD_SHARDS names shard ${outside}, but shards are numbered 0 to ${count - 1} with DISCORD_SHARD_COUNT=${count}`;
    }
    return undefined;
  },
  settings(env) {
    if (typeof env['DISCORD_TOKEN'] !== 'string') return undefined;
    const count = env['DISCORD_SHARD_COUNT'];
    const ids = env['DISCORD_SHARDS'];
    const shards = typeof count === 'number' ? { count, ids: typeof ids === 'string' ? shardIds(ids) : Array.from({ length: count }, (_, i) => i) } : undefined;
    return { token: env['DISCORD_TOKEN'], apiUrl: String(env['DISCORD_API_URL']), guildId: env['DISCORD_GUILD_ID'] as string | undefined, shards };
  },
  chatId: { pattern: /^\d{1,20}$/u, example: 'a channel id like 1234567890123456789' },
  pacing: { concurrency: 20 },
  // Without DISCORD_SHARDS, every replica would open the same shard and all would answer each interaction:
  // then only the leading replica runs the gateway (another takes over when it stops).
  singleReceiver: (settings) => settings.shards === undefined,
  load: () => import('./module.ts').then((m) => m.discordModule),
});
