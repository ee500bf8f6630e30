import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { commandKeys, DEFAULT_LOCALE, SUPPORTED_LOCALES, type CommandDefinition, type CommandOption, type Translator } from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { DISCORD_LIMITS as L } from './limits.ts';

/** Discord's own locale names for the languages Spool speaks besides English (discord-api-docs, Locales). */
const DISCORD_LOCALES: Readonly<Record<string, string>> = { fr: 'fr', it: 'it', de: 'de' };
const OTHER_LOCALES = SUPPORTED_LOCALES.filter((l) => l !== DEFAULT_LOCALE);
/** What Discord accepts as a command name in any language. */
const COMMAND_NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/**
 * `name_localizations`, `description_localizations` and the like: each other language's text for one
 * key, when its catalogue has it and it fits (`fits` checks Discord's rule for the field).
 */
function localizations(key: (tr: Translator) => string | undefined, fits: (text: string) => boolean): Record<string, string> | undefined {
  const entries = OTHER_LOCALES.flatMap((locale) => {
    const text = key(translatorFor(locale));
    return text !== undefined && fits(text) ? [[DISCORD_LOCALES[locale] ?? locale, text] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

const describes = (text: string): boolean => [...text].length >= 1 && [...text].length <= L.commandDescription;

/** Only members who may manage channels see the commands that declare `chat-admin` (and the run-time check repeats it). */
const MANAGE_CHANNELS = String(PermissionFlagsBits.ManageChannels);
const clip = (text: string, max: number): string => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

function slashOption(command: string, option: CommandOption): APIApplicationCommandBasicOption {
  const keys = commandKeys({ name: command });
  const descriptions = localizations((tr) => tr.lookup(keys.option(option.name)), describes);
  const base = {
    name: option.name,
    description: clip(option.description, L.commandDescription),
    ...(descriptions ? { description_localizations: descriptions } : {}),
    required: option.required ?? false,
  };
  switch (option.kind) {
    case 'chat':
      return {
        ...base,
        type: ApplicationCommandOptionType.Channel,
        channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum],
      };
    case 'choice':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: (option.choices ?? []).map((c) => {
          const names = localizations(
            (tr) => tr.lookup(keys.choice(option.name, c.value)),
            (text) => [...text].length >= 1 && [...text].length <= L.choiceName,
          );
          return { name: c.name, value: c.value, ...(names ? { name_localizations: names } : {}) };
        }),
      };
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
export function applicationCommandsFrom(
  definitions: readonly Pick<CommandDefinition<never>, 'name' | 'description' | 'options' | 'preconditions' | 'messageAction'>[],
): RESTPostAPIApplicationCommandsJSONBody[] {
  const messageCommands = definitions.flatMap((d) => (d.messageAction ? [{ name: d.messageAction.label, type: ApplicationCommandType.Message } as const] : []));
  return [...slashCommandsFrom(definitions), ...messageCommands];
}

/**
 * The slash commands, made from the router's declared commands: their options become typed options
 * (required ones first, as Discord demands), `chat-admin` becomes Manage Channels, and a command that
 * needs a chat to deliver to is not offered in DMs. Names and descriptions of commands, options and
 * choices carry their French, Italian and German texts (`*_localizations`): Discord shows each member
 * the one of their client's language and still sends Spool the English name.
 */
export function slashCommandsFrom(
  definitions: readonly Pick<CommandDefinition<never>, 'name' | 'description' | 'options' | 'preconditions'>[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return definitions.map((d) => {
    const options = [...d.options].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false)).map((o) => slashOption(d.name, o));
    const admin = d.preconditions?.includes('chat-admin') ?? false;
    const keys = commandKeys(d);
    const names = localizations(
      (tr) => tr.lookup(keys.name),
      (text) => COMMAND_NAME.test(text),
    );
    const descriptions = localizations((tr) => tr.lookup(keys.description), describes);
    return {
      name: d.name,
      ...(names ? { name_localizations: names } : {}),
      description: clip(d.description, L.commandDescription),
      ...(descriptions ? { description_localizations: descriptions } : {}),
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
