/** The fake's world: ids, the bot, guilds, channels, messages, interactions, all recorded. */

let next = 1_200_000_000_000_000_000n;
/** Snowflake-shaped ids (18–19 digits), so discord.js finds its major parameters in the paths. */
export const snowflake = (): string => String(next++);

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  guild_id?: string;
  parent_id?: string | null;
  owner_id?: string;
  /** Age-restricted ("NSFW") channel, as Discord's channel object says; false unless a test marks it. */
  nsfw?: boolean;
  /** What the bot may do here: Discord answers 403 50001 / 50013 otherwise. */
  access: 'ok' | 'missing-access' | 'missing-permissions';
  /** Permission overwrites a test sets (permissions.ts adds the bot's own from `access`). */
  overwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  nonce?: string;
  allowed_mentions?: unknown;
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
}

/** One interaction as the fake dispatched it, and what the bot answered. */
export interface FakeInteraction {
  id: string;
  token: string;
  type: number;
  dispatchedAt: number;
  /** Callbacks in order: `{ type, data }` as posted to /interactions/{id}/{token}/callback. */
  callbacks: { type: number; data?: Record<string, unknown>; at: number }[];
  original?: FakeMessage;
  followups: FakeMessage[];
  /** The message a button was pressed on; UPDATE_MESSAGE (7) edits it. */
  message?: FakeMessage;
}

export function createState(options: { appId?: string } = {}) {
  const appId = options.appId ?? snowflake();
  return {
    appId,
    botUser: { id: appId, username: 'spool', discriminator: '0', global_name: 'Spool', avatar: null, bot: true, flags: 0 },
    guilds: new Map<string, { id: string; name: string; owner_id: string }>(),
    /** Each guild's roles, @everyone first (permissions.ts). */
    roles: new Map<string, { id: string; name: string; permissions: string }[]>(),
    channels: new Map<string, FakeChannel>(),
    /** Messages by channel id, oldest first. */
    messages: new Map<string, FakeMessage[]>(),
    nonces: new Map<string, FakeMessage>(),
    interactions: new Map<string, FakeInteraction>(),
    /** Registered commands: key "global" or the guild id. */
    commands: new Map<string, Record<string, unknown>[]>(),
  };
}
export type FakeState = ReturnType<typeof createState>;

export function toApiMessage(m: FakeMessage, author: Record<string, unknown>): Record<string, unknown> {
  return {
    ...m,
    type: 0,
    author,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
  };
}
