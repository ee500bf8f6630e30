import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, CommandOption } from '../../core/index.ts';
import { DISCORD_LIMITS as L } from './limits.ts';

/** Only members who may manage channels see the commands that declare `chat-admin` (and the run-time check repeats it). */
const MANAGE_CHANNELS = String(PermissionFlagsBits.ManageChannels);
const clip = (text: string, max: number): string => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

function slashOption(option: CommandOption): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: clip(option.description, L.commandDescription), required: option.required ?? false };
  switch (option.kind) {
    case 'chat':
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum] };
    case 'choice':
      return { ...base, type: ApplicationCommandOptionType.String, choices: (option.choices ?? []).map((c) => ({ name: c.name, value: c.value })) };
    default:
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        // Hashtags and time zones are long lists: Discord asks Spool as the member types.
        ...(option.kind === 'hashtag' || option.kind === 'timezone' ? { autocomplete: true } : {}),
        ...(option.maxLength ? { max_length: option.maxLength } : {}),
      };
  }
}

/**
 * Every application command, made from the router's declared commands: slash commands, plus a
 * message command (type 3, in a message's Apps menu, named by the label and without a description, as
 * Discord requires) for each command that declares a `messageAction`.
 */
export function applicationCommandsFrom(definitions: readonly Pick<CommandDefinition<never>, 'name' | 'description' | 'options' | 'preconditions' | 'messageAction'>[]): RESTPostAPIApplicationCommandsJSONBody[] {
  const messageCommands = definitions.flatMap((d) => (d.messageAction ? [{ name: d.messageAction.label, type: ApplicationCommandType.Message } as const] : []));
  return [...slashCommandsFrom(definitions), ...messageCommands];
}

/**
 * The slash commands, made from the router's declared commands: their options become typed options
 * (required ones first, as Discord demands), `chat-admin` becomes Manage Channels, and a command that
 * needs a chat to deliver to is not offered in DMs.
 */
export function slashCommandsFrom(definitions: readonly Pick<CommandDefinition<never>, 'name' | 'description' | 'options' | 'preconditions'>[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return definitions.map((d) => {
    const options = [...d.options].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false)).map(slashOption);
    const admin = d.preconditions?.includes('chat-admin') ?? false;
    return {
      name: d.name,
      description: clip(d.description, L.commandDescription),
      ...(options.length > 0 ? { options } : {}),
      ...(admin ? { default_member_permissions: MANAGE_CHANNELS } : {}),
      ...(d.preconditions?.includes('deliverable-chat') ? { dm_permission: false } : {}),
    };
  });
}

/** The option of a command that names the chat it acts on, if it has one. */
export function targetOptionOf(definition: Pick<CommandDefinition<never>, 'options'> | undefined): string | undefined {
  return definition?.options.find((o) => o.kind === 'chat')?.name;
}
