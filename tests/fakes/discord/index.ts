import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeGateway } from './gateway.ts';
import {
  buildAutocomplete,
  buildButton,
  buildMessageCommand,
  buildSlash,
  PERMISSIONS,
  registerInteraction,
  type Invoker,
  type OptionValue,
} from './interactions.ts';
import { createFakeRest, type CapturedRequest, type RestOptions } from './rest.ts';
import { apiRole, rolesOf, roleWith } from './permissions.ts';
import { createState, snowflake, type FakeChannel, type FakeInteraction, type FakeMessage } from './state.ts';

export { PERMISSIONS, type Invoker } from './interactions.ts';
export { BIT } from './permissions.ts';
export type { CapturedRequest } from './rest.ts';
export type { FakeChannel, FakeInteraction, FakeMessage } from './state.ts';
export { snowflake } from './state.ts';
export { shardOf } from './gateway.ts';

let guildSerial = 0n;
/** A fresh guild id that Discord sends to shard `shard` of `count`: `(id >> 22) % count === shard`. */
export function guildOnShard(shard: number, count: number): string {
  guildSerial += 1n;
  const base = (1_200_000_000_000_000_000n >> 22n) + guildSerial * BigInt(count) * 1000n;
  const timestamp = base - (base % BigInt(count)) + BigInt(shard);
  return String((timestamp << 22n) | guildSerial);
}

export interface FakeDiscordOptions extends Partial<
  Pick<RestOptions, 'limits' | 'bucketLimit' | 'globalPerSecond' | 'interactionDeadlineMs' | 'maxConcurrency'>
> {
  readonly token?: string;
  /** HELLO's heartbeat_interval; Discord's is about 41 s, tests that watch heartbeats use less. */
  readonly heartbeatMs?: number;
}

/** A dispatched interaction and ways to wait for the bot's answer. */
export interface SentInteraction {
  readonly interaction: FakeInteraction;
  /** The first callback (POST …/callback) as recorded, whatever its status. */
  readonly callback: Promise<CapturedRequest>;
  /** The final answer: the callback itself, or after a defer (5/6) the edit or follow-up that completes it. */
  answered(): Promise<FakeInteraction>;
}

/**
 * A fake Discord on 127.0.0.1 (port 0): REST under `/api/v10` and a JSON gateway under `/gateway`,
 * enforcing the limits of PLATFORM_FACTS.md and recording everything. Start with `await
 * startFakeDiscord()`, point discord.js at `fake.apiUrl`, `await fake.close()` after the test.
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}) {
  const token = options.token ?? 'test-bot-token';
  const state = createState();
  const server: Server = createServer();
  const origin = (): string => `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rest = createFakeRest(state, { ...options, token, gatewayUrl: () => `ws://${origin()}/gateway` });
  server.on('request', (req, res) => {
    rest.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: `fake failed: ${String(error)}` }));
    });
  });
  const gateway = createFakeGateway(server, state, { token, heartbeatMs: options.heartbeatMs });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  /** The invoker's role must be known to the client before the interaction names it: created roles are announced first. */
  function announceRole(who: Invoker): void {
    const { role, created } = roleWith(state, who.guildId, who.permissions ?? PERMISSIONS.member);
    if (created) gateway.dispatch('GUILD_ROLE_CREATE', { guild_id: who.guildId, role: apiRole(role, rolesOf(state, who.guildId).length - 1) });
  }

  function send(payload: ReturnType<typeof buildSlash>, message?: FakeMessage): SentInteraction {
    const interaction = registerInteraction(state, payload, message);
    const mine = (r: CapturedRequest): boolean => r.path.startsWith(`/interactions/${interaction.id}/`);
    const callback = rest.waitFor(mine);
    gateway.dispatch('INTERACTION_CREATE', payload);
    return {
      interaction,
      callback,
      async answered() {
        const first = await callback;
        const type = interaction.callbacks[0]?.type;
        if (first.status < 300 && (type === 5 || type === 6)) {
          await rest.waitFor(
            (r) => r.path.startsWith(`/webhooks/${state.appId}/${interaction.token}`) && r.method !== 'DELETE' && r.method !== 'GET' && r.status < 300,
          );
        }
        return interaction;
      },
    };
  }

  return {
    apiUrl: `http://${origin()}/api`,
    token,
    state,
    appId: state.appId,
    captured: rest.captured,
    failNext: rest.failNext,
    waitFor: rest.waitFor,
    onRequest: rest.onRequest,
    /** Requests that came while a 429 was in force: a well-behaved client makes none. */
    get earlyRequests(): number {
      return rest.earlyRequests;
    },
    gateway,
    /** A guild; `id` lets a test place it on a shard (see `guildOnShard`). */
    addGuild(name = 'Spool test guild', id: string = snowflake()): string {
      state.guilds.set(id, { id, name, owner_id: snowflake() });
      return id;
    },
    addChannel(channel: Partial<FakeChannel> & { guild_id: string }): string {
      const id = channel.id ?? snowflake();
      state.channels.set(id, { id, type: 0, name: `channel-${id.slice(-4)}`, access: 'ok', parent_id: null, nsfw: false, ...channel });
      return id;
    },
    /** Messages posted in a channel (or a forum post), oldest first. */
    messages(channelId: string): FakeMessage[] {
      return state.messages.get(channelId) ?? [];
    },
    /** Forum posts (threads) created under a forum channel. */
    forumPosts(forumId: string): FakeChannel[] {
      return [...state.channels.values()].filter((c) => c.parent_id === forumId);
    },
    commands(scope: 'global' | string): Record<string, unknown>[] {
      return state.commands.get(scope) ?? [];
    },
    slash(name: string, opts: Record<string, OptionValue>, who: Invoker): SentInteraction {
      announceRole(who);
      return send(buildSlash(state, name, opts, who));
    },
    autocomplete(name: string, opts: Record<string, OptionValue>, focused: string, who: Invoker): SentInteraction {
      announceRole(who);
      return send(buildAutocomplete(state, name, opts, focused, who));
    },
    /** Runs a message command (Apps menu) on a message someone posted. */
    messageCommand(name: string, target: { id?: string; content: string; embeds?: unknown[] }, who: Invoker): SentInteraction {
      return send(buildMessageCommand(state, name, target, who));
    },
    /** Presses a button on a message the bot sent (an interaction's original answer). */
    button(customId: string, message: FakeMessage, who: Invoker): SentInteraction {
      announceRole(who);
      return send(buildButton(state, customId, message, who), message);
    },
    async close(): Promise<void> {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;
