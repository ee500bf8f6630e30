import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { ChatRouter, DigestPublisher, LinkOptions, Log, TagStore } from '../../core/index.ts';
import { applicationCommandsFrom } from './commands.ts';
import { createInteractionHandler } from './interactions.ts';
import type { DiscordShards } from './platform.ts';
import { createDiscordPublisher } from './publisher.ts';
import { describeDiscordError } from './rest-errors.ts';

export interface DiscordBotOptions {
  readonly token: string;
  /** REST base without version (DISCORD_API_URL); the gateway URL is asked of it. */
  readonly apiUrl: string;
  /** Register the slash commands in this guild only (DISCORD_GUILD_ID, for development); global otherwise. */
  readonly guildId?: string | undefined;
  readonly router: ChatRouter;
  readonly tags: Pick<TagStore, 'tagsByPrefix'>;
  readonly log: Log;
  /** Links are made by the router's services; accepted here so main.ts can pass one options object. */
  readonly links?: LinkOptions;
  /**
   * The gateway shards this process runs (DISCORD_SHARDS of DISCORD_SHARD_COUNT): Discord sends a guild's
   * events, interactions included, only to the shard `(guild_id >> 22) % count`, so replicas running
   * different shards each answer their own guilds. Unset: one shard.
   */
  readonly shards?: DiscordShards | undefined;
  /** See InteractionHandlerOptions.deferAfterMs. */
  readonly deferAfterMs?: number;
  /** How long start() waits for the gateway's READY. Default 30 s. */
  readonly readyTimeoutMs?: number;
  /**
   * The gateway session ended for good (a close code discord.js will not reconnect after: 4004 bad
   * token, 4010–4014 sharding or intents): the process should end so that a supervisor notices.
   */
  readonly onFatal?: ((sentence: string, error: unknown) => void) | undefined;
}

export interface DiscordBot {
  /** Logs in, waits for READY, registers the slash commands. Rejects (naming the step, never the token) on failure. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The REST-only publisher over the bot's own REST client (shared rate-limit buckets). */
  readonly publisher: DigestPublisher;
}

/** A start-up step against Discord failed; `step` says which, `status`/`code` what Discord answered. */
export class DiscordStartError extends Error {
  override readonly name = 'DiscordStartError';
  /** The CLI ends with this status and the message as its one line. */
  readonly exitStatus = 1;
  constructor(
    readonly step: 'login' | 'ready' | 'register-commands',
    readonly status: number | undefined,
    readonly code: number | string | undefined,
    reason: string,
  ) {
    super(`Discord ${step} failed: ${reason}`);
  }
}

/**
 * The Discord bot: one gateway connection with the Guilds intent only (slash commands need no
 * privileged intent: no message content, no member list), answering interactions through the
 * command router. Every message it sends has `allowed_mentions: { parse: [] }` (set as the
 * client's default and again on each message).
 */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const { log } = options;
  const api = options.apiUrl.replace(/\/+$/u, '');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(options.shards ? { shards: [...options.shards.ids], shardCount: options.shards.count } : {}),
    rest: { api, version: '10', retries: 2, rejectOnRateLimit: (info) => Math.max(info.retryAfter, info.timeToReset) > 60_000 },
  });
  client.rest.setToken(options.token);
  const handle = createInteractionHandler({ router: options.router, tags: options.tags, log, deferAfterMs: options.deferAfterMs });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (error) => log.error({ platform: 'discord', ...describeDiscordError(error) }, 'discord client error'));
  // discord.js emits shardDisconnect only for close codes it will not reconnect after.
  client.on(Events.ShardDisconnect, (event, shard) => {
    const sentence = `Discord closed the gateway session of shard ${shard} with code ${event.code} and it cannot be resumed (4004: check DISCORD_TOKEN; 4014: Spool needs only the Guilds intent)`;
    if (options.onFatal) options.onFatal(sentence, event);
    else log.error({ platform: 'discord', shard, code: event.code }, sentence);
  });
  client.on(Events.Invalidated, () => options.onFatal?.('Discord invalidated the session and it cannot be resumed', undefined));
  client.rest.on('rateLimited', (info) =>
    log.debug({ platform: 'discord', route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'discord rate limited: waiting'),
  );
  const publisher = createDiscordPublisher({ token: options.token, apiUrl: api, log, rest: client.rest });

  async function start(): Promise<void> {
    const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(options.readyTimeoutMs ?? 30_000) });
    ready.catch(() => undefined);
    try {
      await client.login(options.token);
    } catch (error) {
      const f = describeDiscordError(error);
      throw new DiscordStartError('login', f.status, f.code, f.reason);
    }
    try {
      await ready;
    } catch {
      throw new DiscordStartError('ready', undefined, undefined, 'no READY from the gateway in time');
    }
    const appId = client.application?.id ?? client.user?.id ?? '';
    const route = options.guildId ? Routes.applicationGuildCommands(appId, options.guildId) : Routes.applicationCommands(appId);
    try {
      await client.rest.put(route, { body: applicationCommandsFrom(options.router.definitions) });
    } catch (error) {
      const f = describeDiscordError(error);
      throw new DiscordStartError('register-commands', f.status, f.code, f.reason);
    }
    const shards = options.shards ? `${options.shards.ids.join(',')} of ${options.shards.count}` : 'one';
    log.info(
      { platform: 'discord', user: client.user?.tag, scope: options.guildId ? 'guild' : 'global', shards },
      'discord bot ready, slash commands registered',
    );
  }

  return {
    start,
    async stop() {
      await client.destroy();
    },
    publisher,
  };
}
