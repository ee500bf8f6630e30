import { DEFAULT_CHAT_SETTINGS, isSensitiveMode, type ChatRef, type ChatSettings, type ChatSettingsPatch, type ChatSettingsStore } from './chat-settings.ts';
import { defineCommand, type ChatContext, type CommandDefinition } from './command.ts';
import type { Failure } from './failures.ts';
import { normalizeLanguage } from './language.ts';
import { fail, ok, type Result } from './result.ts';
import type { RouterServices } from './router.ts';

/** The interface languages Spool speaks (message catalogues exist for each). */
export const SUPPORTED_LOCALES = ['en', 'fr', 'it', 'de'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** `fr`, `fr-CA`, `de_DE` → a supported locale; anything else → undefined. */
export function supportedLocale(code: string | undefined | null): Locale | undefined {
  const base = normalizeLanguage(code);
  return (SUPPORTED_LOCALES as readonly string[]).includes(base) ? (base as Locale) : undefined;
}

/** What the settings commands need besides the router's services. */
export interface SettingsRouterServices extends RouterServices {
  readonly chatSettings: ChatSettingsStore;
}

/** How answers and digests are shown in one chat: its settings, with the platform's language as the default. */
export interface Presentation {
  readonly locale: Locale;
  readonly media: boolean;
  readonly sensitive: ChatSettings['sensitive'];
  /** False in a channel the platform has not marked for adults (NSFW): age-restricted threads are withheld there. */
  readonly ageRestrictedAllowed: boolean;
  /** Thread languages the chat prefers; a digest folds the others into one closing line. Empty: all. */
  readonly threadLanguages: readonly string[];
}

export function presentationOf(settings: ChatSettings, platformLocale: string | undefined, ageRestrictedAllowed = true): Presentation {
  return {
    locale: supportedLocale(settings.language) ?? supportedLocale(platformLocale) ?? DEFAULT_LOCALE,
    media: settings.media,
    sensitive: settings.sensitive,
    ageRestrictedAllowed,
    threadLanguages: settings.threadLanguages,
  };
}

export const DEFAULT_PRESENTATION: Presentation = presentationOf(DEFAULT_CHAT_SETTINGS, undefined);

const chatOf = (ctx: ChatContext): ChatRef => ({ platform: ctx.platform, chatId: ctx.chatId });
const MANAGE = ['chat-admin'] as const;

function parseSetting(args: readonly string[]): Result<ChatSettingsPatch | undefined, Failure> {
  if (args.length === 0) return ok(undefined);
  const [name = '', value = '', ...rest] = args.map((a) => a.toLowerCase());
  const invalid = fail<Failure>({ code: 'settings.invalid', input: args.join(' ') });
  if (rest.length > 0) return invalid;
  if (name === 'media' && (value === 'on' || value === 'off')) return ok({ media: value === 'on' });
  if (name === 'sensitive' && isSensitiveMode(value)) return ok({ sensitive: value });
  if (name === 'languages') {
    if (value === 'all') return ok({ threadLanguages: [] });
    const codes = value
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const normalized = codes.map(normalizeLanguage);
    if (codes.length === 0 || codes.length > 10 || normalized.includes('und')) return invalid;
    return ok({ threadLanguages: [...new Set(normalized)] });
  }
  return invalid;
}

/**
 * `/settings` shows how this chat's answers and digests look; `/settings media on|off`,
 * `/settings sensitive show|spoiler|skip` and `/settings languages en,fr|all` change it (admins).
 */
export const settingsCommand = defineCommand<SettingsRouterServices, ChatSettingsPatch | undefined>({
  name: 'settings',
  description: 'How this chat shows pictures, sensitive threads and thread languages (admins)',
  options: [
    {
      name: 'setting',
      kind: 'choice',
      description: 'What to change (leave empty to see the settings)',
      choices: [
        { name: 'pictures', value: 'media' },
        { name: 'sensitive content', value: 'sensitive' },
        { name: 'thread languages', value: 'languages' },
      ],
    },
    { name: 'value', kind: 'text', description: 'on|off · show|spoiler|skip · en,fr|all', maxLength: 40 },
  ],
  preconditions: MANAGE,
  parse: parseSetting,
  async run(patch, ctx, services) {
    const settings = patch ? await services.chatSettings.update(chatOf(ctx), patch) : await services.chatSettings.get(chatOf(ctx));
    return { kind: 'settings', settings, changed: patch !== undefined };
  },
});

/** `/language fr`: the language the bot speaks in this chat; `auto` goes back to the platform's. */
export const languageCommand = defineCommand<SettingsRouterServices, string | null | undefined>({
  name: 'language',
  description: 'The language the bot speaks in this chat (admins)',
  options: [
    {
      name: 'language',
      kind: 'choice',
      description: 'en, fr, it, de, or auto',
      choices: [
        { name: 'English', value: 'en' },
        { name: 'Français', value: 'fr' },
        { name: 'Italiano', value: 'it' },
        { name: 'Deutsch', value: 'de' },
        { name: 'auto', value: 'auto' },
      ],
    },
  ],
  preconditions: MANAGE,
  parse(args) {
    const input = args[0];
    if (input === undefined) return ok(undefined);
    if (args.length > 1) return fail({ code: 'language.unsupported', input: args.join(' '), supported: SUPPORTED_LOCALES });
    if (input.toLowerCase() === 'auto') return ok(null);
    const locale = supportedLocale(input);
    return locale ? ok(locale) : fail({ code: 'language.unsupported', input, supported: SUPPORTED_LOCALES });
  },
  async run(language, ctx, services) {
    const settings = language === undefined ? await services.chatSettings.get(chatOf(ctx)) : await services.chatSettings.update(chatOf(ctx), { language });
    return { kind: 'settings', settings, changed: language !== undefined };
  },
});

export const SETTINGS_COMMANDS: readonly CommandDefinition<SettingsRouterServices>[] = [settingsCommand, languageCommand];
