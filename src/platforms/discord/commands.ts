import {
  ApplicationCommandOptionType,
  ChannelType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/** Reads one option of the interaction being answered (string value, or a channel option's id). */
export type OptionReader = (name: string) => string | undefined;

/**
 * A slash command: what Discord registers (`data`) and how its typed options become the router's
 * words (`args`). `channelOption` names the option that chooses the chat the command acts on.
 */
export interface SlashCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  readonly args: (option: OptionReader) => string[];
  readonly channelOption?: string;
}

const hashtag = {
  type: ApplicationCommandOptionType.String,
  name: 'hashtag',
  description: 'A hashtag, with or without # (any script)',
  required: true,
  autocomplete: true,
  max_length: 101,
} as const satisfies APIApplicationCommandBasicOption;

const channel = {
  type: ApplicationCommandOptionType.Channel,
  name: 'channel',
  description: 'Text, announcement or forum channel (default: this one)',
  required: false,
  channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum],
} as const satisfies APIApplicationCommandBasicOption;

/** Only members who may manage channels see these (and the run-time check repeats it). */
const MANAGE_CHANNELS = String(PermissionFlagsBits.ManageChannels);
const present = (...values: (string | undefined)[]): string[] => values.filter((v): v is string => v !== undefined && v !== '');

/** Every slash command Spool registers, in the order Discord lists them. */
export const SLASH_COMMANDS = [
  {
    data: {
      name: 'threads',
      description: 'The latest (or best) threads about a hashtag',
      options: [
        hashtag,
        {
          type: ApplicationCommandOptionType.String,
          name: 'sort',
          description: 'Most recent first (default) or best first',
          required: false,
          choices: [
            { name: 'most recent', value: 'recent' },
            { name: 'best', value: 'best' },
          ],
        },
      ],
    },
    args: (o) => present(o('hashtag'), o('sort') ?? 'recent'),
  },
  { data: { name: 'related', description: 'Hashtags that appear together with this one', options: [hashtag] }, args: (o) => present(o('hashtag')) },
  {
    data: {
      name: 'search',
      description: 'Search the text of stored threads',
      options: [{ type: ApplicationCommandOptionType.String, name: 'words', description: 'Words to look for', required: true, max_length: 200 }],
    },
    args: (o) => present(o('words')),
  },
  { data: { name: 'digest', description: 'The digest of the last 24 hours for a hashtag', options: [hashtag] }, args: (o) => present(o('hashtag')) },
  { data: { name: 'help', description: 'What this bot can do' }, args: () => [] },
  {
    data: {
      name: 'subscribe',
      description: 'Post a daily digest of a hashtag in a channel',
      default_member_permissions: MANAGE_CHANNELS,
      dm_permission: false,
      options: [
        hashtag,
        channel,
        { type: ApplicationCommandOptionType.String, name: 'time', description: 'Time of day, HH:MM on a 24-hour clock (e.g. 09:00)', required: false, max_length: 5 },
        { type: ApplicationCommandOptionType.String, name: 'timezone', description: 'IANA time zone, e.g. Europe/Oslo (default UTC)', required: false, autocomplete: true, max_length: 64 },
      ],
    },
    args: (o) => present(o('hashtag'), o('time'), o('timezone')),
    channelOption: 'channel',
  },
  {
    data: { name: 'unsubscribe', description: 'Stop a channel’s digest of a hashtag', default_member_permissions: MANAGE_CHANNELS, dm_permission: false, options: [hashtag, channel] },
    args: (o) => present(o('hashtag')),
    channelOption: 'channel',
  },
  {
    data: { name: 'subscriptions', description: 'The hashtags a channel follows', default_member_permissions: MANAGE_CHANNELS, dm_permission: false, options: [channel] },
    args: () => [],
    channelOption: 'channel',
  },
] as const satisfies readonly SlashCommand[];

export type SlashCommandName = (typeof SLASH_COMMANDS)[number]['data']['name'];

const byName: ReadonlyMap<string, SlashCommand> = new Map(SLASH_COMMANDS.map((c) => [c.data.name, c]));
export const slashCommand = (name: string): SlashCommand | undefined => byName.get(name);

/** The registration body (PUT …/commands): the data part of the list. */
export const registrationBody = (): RESTPostAPIChatInputApplicationCommandsJSONBody[] => SLASH_COMMANDS.map((c) => c.data);
