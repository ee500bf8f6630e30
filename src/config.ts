import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseHashtagArgument } from './core/index.ts';

/** "5m", "90s", "1h": how often a source is polled. */
const every = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/u, 'use a number and a unit, like "5m", "90s" or "1h"')
  .transform((text) => {
    const [, n = '0', unit = 's'] = /^(\d+)(ms|s|m|h)$/u.exec(text) ?? [];
    return Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  })
  .refine((ms) => ms >= 10_000, 'poll at most every 10s');

const hashtag = z.string().transform((input, ctx) => {
  const parsed = parseHashtagArgument(input);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `“${input}” is not a hashtag` });
  return z.NEVER;
});

const hashtags = z.array(hashtag).default([]);
const httpUrl = z.url({ protocol: /^https?$/u });

export const sourceConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('mastodon'), instance: httpUrl, hashtags, every: every.default(300_000) }),
  z.strictObject({ type: z.literal('x'), hashtags, every: every.default(900_000) }),
  z.strictObject({ type: z.literal('bluesky'), hashtags, every: every.default(600_000) }),
  z.strictObject({ type: z.literal('rss'), url: httpUrl, hashtags, every: every.default(600_000) }),
]);
export type SourceConfig = z.infer<typeof sourceConfigSchema>;

/** `config/spool.json`: see config/spool.example.json. */
export const configFileSchema = z.strictObject({
  sources: z.array(sourceConfigSchema).default([]),
  digests: z
    .strictObject({
      /** Send a short "nothing new" note instead of staying silent when a digest would be empty. */
      sendWhenEmpty: z.boolean().default(false),
      /** Threads per digest at most. */
      maxThreads: z.number().int().min(1).max(50).default(10),
    })
    .default({ sendWhenEmpty: false, maxThreads: 10 }),
  subscriptions: z
    .strictObject({
      maxPerChat: z.number().int().min(1).max(1000).default(25),
      /** Active subscriptions one person may create across all chats (anyone can DM the bot, and is admin there). */
      maxPerUser: z.number().int().min(1).max(1000).default(10),
      /** Distinct hashtags all chats may follow together: each is polled on every source. */
      maxFollowedTags: z.number().int().min(1).max(100_000).default(100),
      /** When set, the only hashtags chats may subscribe to. */
      allowedTags: z.array(hashtag).min(1).optional(),
    })
    .default({ maxPerChat: 25, maxPerUser: 10, maxFollowedTags: 100 }),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
  DISCORD_TOKEN: optionalText,
  DISCORD_API_URL: httpUrl.default('https://discord.com/api'),
  DISCORD_GUILD_ID: optionalText,
  X_BEARER_TOKEN: optionalText,
  X_API_URL: httpUrl.default('https://api.x.com'),
  BLUESKY_IDENTIFIER: optionalText,
  BLUESKY_APP_PASSWORD: optionalText,
  BLUESKY_SERVICE: httpUrl.default('https://bsky.social'),
  SPOOL_PUBLIC_URL: optionalText.pipe(httpUrl.optional()),
  SPOOL_DB: optionalText,
  SPOOL_CONFIG: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  readonly dbPath: string;
  readonly configPath?: string | undefined;
  readonly env: Env;
  readonly file: ConfigFile;
}

/** A configuration that cannot be used; `message` names the file or variable and the field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function describeIssues(error: z.ZodError, where: string): string {
  const issue = error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${where}: ${path}: ${issue?.message ?? 'invalid'}`;
}

/** Pure: environment and file contents in, configuration out (or a ConfigError naming the bad field). */
export function parseConfig(input: {
  readonly env: Record<string, string | undefined>;
  readonly file?: unknown;
  readonly filePath?: string | undefined;
  readonly dbPath?: string | undefined;
}): AppConfig {
  const env = envSchema.safeParse(input.env);
  if (!env.success) throw new ConfigError(describeIssues(env.error, 'environment'));
  const file = configFileSchema.safeParse(input.file ?? {});
  if (!file.success) throw new ConfigError(describeIssues(file.error, input.filePath ?? 'config'));
  return {
    dbPath: input.dbPath ?? env.data.SPOOL_DB ?? './data/spool.db',
    configPath: input.filePath,
    env: env.data,
    file: file.data,
  };
}

export const DEFAULT_CONFIG_PATH = './config/spool.json';

/** Reads the config file (`--config`, SPOOL_CONFIG, or ./config/spool.json when it exists) and the environment. */
export function loadConfig(options: { readonly configPath?: string; readonly dbPath?: string } = {}): AppConfig {
  const explicit = options.configPath ?? (process.env['SPOOL_CONFIG'] || undefined);
  const path = explicit ?? (existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : undefined);
  let file: unknown;
  if (path !== undefined) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new ConfigError(`${path}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
    }
    try {
      file = JSON.parse(text);
    } catch (cause) {
      throw new ConfigError(`${path}: not valid JSON (${(cause as Error).message})`, { cause });
    }
  }
  return parseConfig({ env: process.env, file, filePath: path, dbPath: options.dbPath });
}
