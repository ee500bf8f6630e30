import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { PLATFORMS } from '../platforms/index.ts';
import { hashtag, httpUrl, sourceConfigSchema } from '../sources/config.ts';

export type { SourceConfig } from '../sources/config.ts';

/** `config/spool.json`: see config/spool.example.json. */
export const configFileSchema = z.strictObject({
  sources: z.array(sourceConfigSchema).default([]),
  digests: z
    .strictObject({
      /** Send a short "nothing new" note instead of staying silent when a digest would be empty. */
      sendWhenEmpty: z.boolean().default(false),
      /** Threads per digest at most. */
      maxThreads: z.number().int().min(1).max(50).default(10),
      /** Cards by one author per digest at most (their accounts on every network count as one). */
      maxPerAuthor: z.number().int().min(1).max(50).default(2),
      /** A thread whose opening post has more hashtags than this is held back as likely spam. */
      maxHashtags: z.number().int().min(1).max(100).default(6),
    })
    .default({ sendWhenEmpty: false, maxThreads: 10, maxPerAuthor: 2, maxHashtags: 6 }),
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

/** Spool's own variables; each platform adds its own (its folder's platform.ts) below. */
const spoolEnv = {
  X_BEARER_TOKEN: optionalText,
  X_API_URL: httpUrl.default('https://api.x.com'),
  BLUESKY_IDENTIFIER: optionalText,
  BLUESKY_APP_PASSWORD: optionalText,
  BLUESKY_SERVICE: httpUrl.default('https://bsky.social'),
  /** An AppView that answers without a login: /unroll reads Bluesky threads there. */
  BLUESKY_PUBLIC_API: httpUrl.default('https://public.api.bsky.app'),
  /** Let /unroll fetch Mastodon links from http:// and private addresses (tests, closed networks); off by default. */
  SPOOL_UNROLL_PRIVATE_HOSTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SPOOL_PUBLIC_URL: optionalText.pipe(httpUrl.optional()),
  SPOOL_DB: optionalText,
  /**
   * `postgres://user:password@host:5432/database`: the shared store of several replicas (docs/deployment.md).
   * Unset: SQLite at SPOOL_DB. The URL is never printed with its password.
   */
  SPOOL_DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(?:ql)?:\/\/\S+$/u, 'must be a postgres:// URL')
      .optional(),
  ),
  SPOOL_CONFIG: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /**
   * The interface the web reader binds. Loopback by default: a reader meant for the public belongs
   * behind a reverse proxy (TLS, caching, limits), and a demo on a laptop should not be reachable from the
   * café's network. Containers set HOST=0.0.0.0.
   */
  HOST: optionalText.transform((v) => v ?? '127.0.0.1'),
  /** Unset: `info` for the service, quiet (warnings as sentences) for the console chat. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
};

const platformEnv: z.ZodRawShape = Object.assign({}, ...PLATFORMS.map((p) => p.env));
export const envSchema = z.object({ ...platformEnv, ...spoolEnv });
/** Spool's own variables typed; each platform reads its own through its descriptor (`settings(env)`). */
export type Env = z.infer<typeof envSchema> & { readonly [name: string]: unknown };

export interface AppConfig {
  /** The SQLite file (`--db`, SPOOL_DB): the store unless `databaseUrl` is set. */
  readonly dbPath: string;
  /** SPOOL_DATABASE_URL: PostgreSQL, shared by any number of `spool start` replicas. */
  readonly databaseUrl?: string | undefined;
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
  // An empty value means "not set" (`PORT=` in a copied .env.example, `SPOOL_CONFIG=''` in a unit file).
  const set = Object.fromEntries(Object.entries(input.env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const env = envSchema.safeParse(set);
  if (!env.success) throw new ConfigError(describeIssues(env.error, 'environment'));
  for (const platform of PLATFORMS) {
    const problem = platform.checkEnv?.(env.data);
    if (problem) throw new ConfigError(`environment: ${problem}`);
  }
  const file = configFileSchema.safeParse(input.file ?? {});
  if (!file.success) throw new ConfigError(describeIssues(file.error, input.filePath ?? 'config'));
  return {
    dbPath: input.dbPath ?? env.data.SPOOL_DB ?? './data/spool.db',
    databaseUrl: env.data.SPOOL_DATABASE_URL,
    configPath: input.filePath,
    env: env.data,
    file: file.data,
  };
}

export const DEFAULT_CONFIG_PATH = './config/spool.json';
export const ENV_FILE = '.env';

/**
 * The environment Spool runs with: the process environment over the `.env` file of the working
 * directory (when there is one) — env > .env > defaults, so a service manager's settings always win.
 */
export function loadEnvironment(processEnv: Record<string, string | undefined> = process.env, envFile: string = ENV_FILE): Record<string, string | undefined> {
  if (!existsSync(envFile)) return processEnv;
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  } catch (cause) {
    throw new ConfigError(`${envFile}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, { cause });
  }
  return { ...parsed, ...processEnv };
}

/** Reads the config file (`--config`, SPOOL_CONFIG, or ./config/spool.json when it exists) and the environment. */
export function loadConfig(options: { readonly configPath?: string; readonly dbPath?: string } = {}): AppConfig {
  const env = loadEnvironment();
  const explicit = options.configPath ?? (env['SPOOL_CONFIG'] || undefined);
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
  return parseConfig({ env, file, filePath: path, dbPath: options.dbPath });
}
