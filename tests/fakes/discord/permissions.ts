import { snowflake, type FakeChannel, type FakeState } from './state.ts';

/**
 * Roles, overwrites and computed permissions as Discord has them (discord-api-docs "Permissions"):
 * a member's base is @everyone's permissions OR its roles'; in a channel, the @everyone overwrite,
 * then the roles' overwrites together, then the member's own, each denying then allowing. The bot is
 * a member like any other, with the role its invite link grants.
 */
export const BIT = {
  viewChannel: 1024n,
  sendMessages: 2048n,
  manageChannels: 16n,
  embedLinks: 16384n,
  sendInThreads: 274877906944n,
  administrator: 8n,
} as const;

/** What the README's invite link grants: View Channels, Send Messages, Embed Links, Send Messages in Threads. */
export const BOT_INVITE_PERMISSIONS = BIT.viewChannel | BIT.sendMessages | BIT.embedLinks | BIT.sendInThreads;
export const EVERYONE_PERMISSIONS = BIT.viewChannel;

export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
}

export interface FakeOverwrite {
  /** A role id (type 0) or a member id (type 1). */
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

/** The guild's roles, @everyone (id = guild id) first; created on first use. */
export function rolesOf(state: FakeState, guildId: string): FakeRole[] {
  let roles = state.roles.get(guildId);
  if (!roles) {
    roles = [
      { id: guildId, name: '@everyone', permissions: String(EVERYONE_PERMISSIONS) },
      { id: snowflake(), name: 'Spool', permissions: String(BOT_INVITE_PERMISSIONS) },
    ];
    state.roles.set(guildId, roles);
  }
  return roles;
}

/** The role the bot's invite gave it. */
export function botRole(state: FakeState, guildId: string): FakeRole {
  return rolesOf(state, guildId)[1] as FakeRole;
}

/** A role with exactly these permissions (a new one when none has them yet), and whether it was created. */
export function roleWith(state: FakeState, guildId: string, permissions: string): { role: FakeRole; created: boolean } {
  const roles = rolesOf(state, guildId);
  const found = roles.slice(2).find((r) => r.permissions === permissions);
  if (found) return { role: found, created: false };
  const role = { id: snowflake(), name: `perm-${permissions}`, permissions };
  roles.push(role);
  return { role, created: true };
}

/**
 * The channel's overwrites as Discord serves them: those a test set, plus what `access` says of
 * the bot (missing-access: View Channel denied; missing-permissions: sending denied).
 */
export function overwritesOf(state: FakeState, channel: FakeChannel): FakeOverwrite[] {
  const own = channel.overwrites ?? [];
  if (channel.access === 'ok' || !channel.guild_id) return own;
  const deny = channel.access === 'missing-access' ? BIT.viewChannel : BIT.sendMessages | BIT.sendInThreads;
  return [...own, { id: state.botUser.id, type: 1, allow: '0', deny: String(deny) }];
}

/** A member's permissions in a channel, from its roles and the channel's overwrites. */
export function permissionsIn(state: FakeState, channel: FakeChannel, memberId: string, roleIds: readonly string[]): bigint {
  const guildId = channel.guild_id ?? '';
  const roles = rolesOf(state, guildId);
  let perms = roles.filter((r) => r.id === guildId || roleIds.includes(r.id)).reduce((p, r) => p | BigInt(r.permissions), 0n);
  if (perms & BIT.administrator) return ~0n & ((1n << 53n) - 1n);
  const overwrites = overwritesOf(state, channel);
  const apply = (list: FakeOverwrite[]): void => {
    const deny = list.reduce((d, o) => d | BigInt(o.deny), 0n);
    const allow = list.reduce((a, o) => a | BigInt(o.allow), 0n);
    perms = (perms & ~deny) | allow;
  };
  apply(overwrites.filter((o) => o.type === 0 && o.id === guildId));
  apply(overwrites.filter((o) => o.type === 0 && o.id !== guildId && roleIds.includes(o.id)));
  apply(overwrites.filter((o) => o.type === 1 && o.id === memberId));
  return perms;
}

/** A role as the API serves it. */
export function apiRole(role: FakeRole, position: number): Record<string, unknown> {
  return { id: role.id, name: role.name, permissions: role.permissions, position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
}

/** The bot's own member object, as GUILD_CREATE and GET /guilds/{id}/members/{id} give it. */
export function botMember(state: FakeState, guildId: string): Record<string, unknown> {
  return {
    user: state.botUser,
    roles: [botRole(state, guildId).id],
    joined_at: '2026-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
    pending: false,
    premium_since: null,
    communication_disabled_until: null,
  };
}
