import {
  PermissionFlagsBits,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type PermissionsBitField,
} from 'discord.js';
import type { Log } from '../../core/index.ts';
import { describeDiscordError } from './rest-errors.ts';

/** What a digest needs in a channel: to see it, to post (a forum post is a message too), and to show embeds. */
const POST = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

export function canPost(permissions: Readonly<PermissionsBitField> | null | undefined): boolean {
  return permissions?.has(POST) ?? false;
}

export interface ChannelAccess {
  /** The member who ran the command has Manage Channels in that channel. */
  readonly memberMayManage: boolean;
  /** Spool can see, post and embed there. */
  readonly botMayPost: boolean;
}

/**
 * The member's and the bot's permissions in a channel other than the one the command came from.
 * The channel is read fresh (GET /channels/{id}, one request) for its overwrites; the guild's
 * roles are in the Guilds intent's cache; the bot's member comes from the cache or one request.
 * A channel the bot cannot even read is one it cannot post in; the member is then judged by the
 * channel the command came from, which is all Discord told us.
 */
export async function channelAccess(
  interaction: ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction,
  channelId: string,
  log: Log,
): Promise<ChannelAccess> {
  const fallback = { memberMayManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false, botMayPost: false };
  const guild = interaction.guild;
  if (!guild) return fallback;
  try {
    const channel = await interaction.client.channels.fetch(channelId, { force: true });
    if (!channel || !('permissionsFor' in channel) || channel.isThread()) return fallback;
    const me = guild.members.me ?? (await guild.members.fetchMe());
    const member = interaction.inCachedGuild() ? interaction.member : undefined;
    return {
      memberMayManage: member ? (channel.permissionsFor(member)?.has(PermissionFlagsBits.ManageChannels) ?? false) : false,
      botMayPost: canPost(channel.permissionsFor(me)),
    };
  } catch (error) {
    log.warn(
      { platform: 'discord', channelId, ...describeDiscordError(error) },
      'discord: could not read the target channel; treating it as one Spool cannot post in',
    );
    return fallback;
  }
}
