import { botRole, permissionsIn, roleWith } from './permissions.ts';
import { snowflake, toApiMessage, type FakeInteraction, type FakeMessage, type FakeState } from './state.ts';

/** Permission bits the tests use: ManageChannels (16) for subscriptions, plus plain member rights. */
export const PERMISSIONS = { member: String(1024n | 2048n | 65536n), manageChannels: String(1024n | 2048n | 16n) } as const;

export interface Invoker {
  readonly guildId: string;
  readonly channelId: string;
  /** The member's permission bit string in that channel (`PERMISSIONS.member` by default). */
  readonly permissions?: string;
  readonly userId?: string;
  /** The invoker's client language (`locale`), `en-US` by default. */
  readonly locale?: string;
}

export type OptionValue = string | number | boolean;

/** The invoker's role (the one carrying its permissions) and id. */
function invoker(state: FakeState, who: Invoker): { userId: string; roleId: string } {
  return { userId: who.userId ?? DEFAULT_USER, roleId: roleWith(state, who.guildId, who.permissions ?? PERMISSIONS.member).role.id };
}

const DEFAULT_USER = '1100000000000000001';

/**
 * A slash command's options as Discord sends them; a channel option is resolved from the fake's
 * channels, with `permissions` computed for the invoking member in that channel, as Discord does.
 */
function commandData(state: FakeState, name: string, options: Record<string, OptionValue>, who: Invoker, focused?: string) {
  const command = [...state.commands.values()].flat().find((c) => c['name'] === name);
  const declared = (command?.['options'] ?? []) as { name: string; type: number }[];
  const resolved: Record<string, Record<string, unknown>> = {};
  const opts = Object.entries(options).map(([key, value]) => {
    const type = declared.find((o) => o.name === key)?.type ?? 3;
    if (type === 7) {
      const channel = state.channels.get(String(value));
      const { userId, roleId } = invoker(state, who);
      const permissions = channel ? String(permissionsIn(state, channel, userId, [roleId])) : '0';
      resolved[String(value)] = { id: String(value), name: channel?.name ?? 'unknown', type: channel?.type ?? 0, permissions, guild_id: channel?.guild_id };
    }
    return { name: key, type, value, ...(key === focused ? { focused: true } : {}) };
  });
  return {
    id: String(command?.['id'] ?? snowflake()),
    name,
    type: 1,
    options: opts,
    ...(Object.keys(resolved).length > 0 ? { resolved: { channels: resolved } } : {}),
  };
}

function envelope(state: FakeState, type: number, data: unknown, who: Invoker, extra: Record<string, unknown> = {}) {
  const { userId, roleId } = invoker(state, who);
  const channel = state.channels.get(who.channelId);
  // As Discord computes them for the channel the command came from: the member's and the app's.
  const memberPermissions = channel ? String(permissionsIn(state, channel, userId, [roleId])) : (who.permissions ?? PERMISSIONS.member);
  const appPermissions = channel ? String(permissionsIn(state, channel, state.botUser.id, [botRole(state, who.guildId).id])) : '2248473465835073';
  return {
    id: snowflake(),
    application_id: state.appId,
    type,
    data,
    guild_id: who.guildId,
    guild: { id: who.guildId, locale: 'en-US', features: [] },
    channel_id: who.channelId,
    channel: {
      id: who.channelId,
      type: channel?.type ?? 0,
      name: channel?.name ?? 'general',
      guild_id: who.guildId,
      permissions: memberPermissions,
      flags: 0,
      nsfw: channel?.nsfw ?? false,
    },
    member: {
      user: { id: userId, username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null },
      roles: [roleId],
      permissions: memberPermissions,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      pending: false,
      premium_since: null,
      communication_disabled_until: null,
    },
    token: `itok_${snowflake()}_${'x'.repeat(40)}`,
    version: 1,
    app_permissions: appPermissions,
    locale: who.locale ?? 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': who.guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
    ...extra,
  };
}

export function buildSlash(state: FakeState, name: string, options: Record<string, OptionValue>, who: Invoker) {
  return envelope(state, 2, commandData(state, name, options, who), who);
}

export function buildAutocomplete(state: FakeState, name: string, options: Record<string, OptionValue>, focused: string, who: Invoker) {
  return envelope(state, 4, commandData(state, name, options, who, focused), who);
}

export function buildButton(state: FakeState, customId: string, message: FakeMessage, who: Invoker) {
  return envelope(state, 3, { custom_id: customId, component_type: 2 }, who, { message: toApiMessage(message, state.botUser) });
}

export function registerInteraction(state: FakeState, payload: { id: string; token: string; type: number }, message?: FakeMessage): FakeInteraction {
  const interaction: FakeInteraction = {
    id: payload.id,
    token: payload.token,
    type: payload.type,
    dispatchedAt: Date.now(),
    callbacks: [],
    followups: [],
    ...(message ? { message } : {}),
  };
  state.interactions.set(interaction.id, interaction);
  return interaction;
}

/**
 * A message command (a message's Apps menu, type 3): `data.target_id` names the message and
 * `data.resolved.messages` carries it whole, content included (Discord sends the target's content to
 * message commands even without the Message Content intent).
 */
export function buildMessageCommand(
  state: FakeState,
  name: string,
  target: { id?: string; content: string; authorId?: string; embeds?: unknown[] },
  who: Invoker,
) {
  const command = [...state.commands.values()].flat().find((c) => c['name'] === name && c['type'] === 3);
  const id = target.id ?? snowflake();
  const message = {
    id,
    channel_id: who.channelId,
    content: target.content,
    embeds: target.embeds ?? [],
    components: [],
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    type: 0,
    author: { id: target.authorId ?? '1100000000000000009', username: 'someone', discriminator: '0', global_name: 'Someone', avatar: null },
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
  };
  return envelope(state, 2, { id: String(command?.['id'] ?? snowflake()), name, type: 3, target_id: id, resolved: { messages: { [id]: message } } }, who);
}
