/**
 * What real Discord rejects in a message body, as the fake checks it (PLATFORM_FACTS.md, discord-api-docs).
 * Answers Discord's 50035 "Invalid Form Body" shape: `errors` mirrors the payload's path, with
 * `_errors: [{ code, message }]` at each bad leaf.
 */

type ErrorTree = { [key: string]: ErrorTree | { code: string; message: string }[] };

export interface DiscordError {
  readonly status: number;
  readonly body: { code: number; message: string; errors?: ErrorTree };
}

const chars = (value: unknown): number => (typeof value === 'string' ? [...value].length : 0);

class Collector {
  readonly tree: ErrorTree = {};
  add(path: (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) node = (node[String(key)] ??= {}) as ErrorTree;
    ((node['_errors'] ??= []) as { code: string; message: string }[]).push({ code, message });
  }
  max(path: (string | number)[], value: unknown, limit: number): void {
    if (chars(value) > limit) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer in length.`);
  }
  get empty(): boolean {
    return Object.keys(this.tree).length === 0;
  }
}

interface Embed {
  title?: string;
  description?: string;
  url?: string;
  footer?: { text?: string };
  image?: { url?: string };
  thumbnail?: { url?: string };
  author?: { name?: string };
  fields?: { name?: string; value?: string }[];
}

function checkEmbeds(c: Collector, embeds: unknown, base: (string | number)[] = []): void {
  if (embeds === undefined) return;
  if (!Array.isArray(embeds)) return c.add([...base, 'embeds'], 'MODEL_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  if (embeds.length > 10) c.add([...base, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  (embeds as Embed[]).forEach((e, i) => {
    const p = [...base, 'embeds', i];
    c.max([...p, 'title'], e.title, 256);
    c.max([...p, 'description'], e.description, 4096);
    c.max([...p, 'footer', 'text'], e.footer?.text, 2048);
    c.max([...p, 'author', 'name'], e.author?.name, 256);
    if (e.url !== undefined && !/^https?:\/\/\S+$/u.test(e.url)) c.add([...p, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    // Embed media take http(s) or attachment:// URLs only ("Scheme … is not supported").
    for (const key of ['image', 'thumbnail'] as const) {
      const url = e[key]?.url;
      if (e[key] !== undefined && (typeof url !== 'string' || !/^(https?|attachment):\/\/\S+$/u.test(url) || url.length > 2048)) {
        c.add([...p, key, 'url'], 'URL_TYPE_INVALID_SCHEME', 'Scheme is not supported. Supported schemes: http, https, attachment.');
      }
    }
    if ((e.fields?.length ?? 0) > 25) c.add([...p, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    e.fields?.forEach((f, j) => {
      c.max([...p, 'fields', j, 'name'], f.name, 256);
      c.max([...p, 'fields', j, 'value'], f.value, 1024);
    });
    total += chars(e.title) + chars(e.description) + chars(e.footer?.text) + chars(e.author?.name);
    total += (e.fields ?? []).reduce((n, f) => n + chars(f.name) + chars(f.value), 0);
  });
  if (total > 6000) c.add([...base, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

interface Component {
  type?: number;
  components?: Component[];
  custom_id?: string;
  label?: string;
  url?: string;
  style?: number;
}

function checkComponents(c: Collector, rows: unknown, base: (string | number)[] = []): void {
  if (rows === undefined) return;
  if (!Array.isArray(rows)) return c.add([...base, 'components'], 'MODEL_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  if (rows.length > 5) c.add([...base, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const ids = new Set<string>();
  (rows as Component[]).forEach((row, i) => {
    if (row.type !== 1) c.add([...base, 'components', i, 'type'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'Top-level components must be action rows.');
    if ((row.components?.length ?? 0) > 5) c.add([...base, 'components', i, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    row.components?.forEach((b, j) => {
      const p = [...base, 'components', i, 'components', j];
      c.max([...p, 'label'], b.label, 80);
      if (b.style === 5) {
        if (!b.url) c.add([...p, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
      } else {
        if (!b.custom_id) c.add([...p, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        c.max([...p, 'custom_id'], b.custom_id, 100);
        if (b.custom_id && ids.has(b.custom_id)) c.add([...p, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        if (b.custom_id) ids.add(b.custom_id);
      }
    });
  });
}

const invalid = (c: Collector): DiscordError => ({ status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: c.tree } });

/** A message create or edit body; `requireSomething` for creates (an empty message is 50006). */
export function validateMessage(body: Record<string, unknown>, options: { create: boolean; base?: (string | number)[] }): DiscordError | undefined {
  const c = new Collector();
  const base = options.base ?? [];
  c.max([...base, 'content'], body['content'], 2000);
  checkEmbeds(c, body['embeds'], base);
  checkComponents(c, body['components'], base);
  const nonce = body['nonce'];
  if (typeof nonce === 'string') c.max([...base, 'nonce'], nonce, 25);
  if (!c.empty) return invalid(c);
  const hasEmbeds = Array.isArray(body['embeds']) && body['embeds'].length > 0;
  if (options.create && !chars(body['content']) && !hasEmbeds && !Array.isArray(body['components'])) {
    return { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
  }
  return undefined;
}

/** Autocomplete result: ≤ 25 choices, names 1–100, string values ≤ 100. */
export function validateChoices(choices: unknown): DiscordError | undefined {
  const c = new Collector();
  if (!Array.isArray(choices)) c.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else {
    if (choices.length > 25) c.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    (choices as { name?: string; value?: unknown }[]).forEach((ch, i) => {
      if (chars(ch.name) < 1) c.add(['data', 'choices', i, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      c.max(['data', 'choices', i, 'name'], ch.name, 100);
      c.max(['data', 'choices', i, 'value'], ch.value, 100);
    });
  }
  return c.empty ? undefined : invalid(c);
}

/** Discord's locales (discord-api-docs, Reference › Locales): localization maps accept these keys only. */
const LOCALES = new Set([
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
]);
const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

function checkLocalizations(c: Collector, path: (string | number)[], map: unknown, valid: (text: string) => boolean): void {
  if (map === undefined || map === null) return;
  for (const [locale, text] of Object.entries(map as Record<string, unknown>)) {
    if (!LOCALES.has(locale)) c.add([...path, locale], 'LOCALE_INVALID', 'Invalid locale');
    else if (typeof text !== 'string' || !valid(text)) c.add([...path, locale], 'BASE_TYPE_BAD_LENGTH', 'Invalid localization');
  }
}

/**
 * Command registration. Slash commands (type 1, the default): lower-case names, descriptions of 1–100,
 * and their localizations. User and message commands (types 2 and 3, a member's or a message's Apps
 * menu): names of 1–32 of any case with spaces ("Unroll thread"), an empty description and no options.
 */
export function validateCommands(commands: unknown): DiscordError | undefined {
  const c = new Collector();
  if (!Array.isArray(commands)) return invalid((c.add([], 'MODEL_TYPE_CONVERT', 'Only iterables may be used in a ListType'), c));
  const describes = (text: string): boolean => chars(text) >= 1 && chars(text) <= 100;
  type Localized = { name_localizations?: unknown; description_localizations?: unknown };
  type Option = { name?: string; description?: string; choices?: ({ name?: string } & Localized)[] } & Localized;
  (commands as ({ name?: string; type?: number; description?: string; options?: Option[]; default_member_permissions?: unknown } & Localized)[]).forEach(
    (cmd, i) => {
      const type = cmd.type ?? 1;
      if (type === 2 || type === 3) {
        if (chars(cmd.name) < 1 || chars(cmd.name) > 32) c.add([i, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
        if (cmd.description !== undefined && cmd.description !== '')
          c.add([i, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_NOT_EMPTY', 'Context menu commands cannot have description');
        if (cmd.options !== undefined) c.add([i, 'options'], 'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS', 'Context menu commands cannot have options');
        return;
      }
      checkLocalizations(c, [i, 'name_localizations'], cmd.name_localizations, (t) => NAME.test(t));
      checkLocalizations(c, [i, 'description_localizations'], cmd.description_localizations, describes);
      cmd.options?.forEach((o, j) => {
        checkLocalizations(c, [i, 'options', j, 'description_localizations'], o.description_localizations, describes);
        o.choices?.forEach((ch, k) =>
          checkLocalizations(c, [i, 'options', j, 'choices', k, 'name_localizations'], ch.name_localizations, (t) => chars(t) >= 1 && chars(t) <= 100),
        );
      });
      if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(cmd.name ?? '')) c.add([i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
      if (chars(cmd.description) < 1 || chars(cmd.description) > 100) c.add([i, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      if ((cmd.options?.length ?? 0) > 25) c.add([i, 'options'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      cmd.options?.forEach((o, j) => {
        if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(o.name ?? '')) c.add([i, 'options', j, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
        if (chars(o.description) < 1 || chars(o.description) > 100)
          c.add([i, 'options', j, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      });
      const perms = cmd.default_member_permissions;
      if (perms !== undefined && perms !== null && !(typeof perms === 'string' && /^\d+$/u.test(perms))) {
        c.add([i, 'default_member_permissions'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
      }
    },
  );
  return c.empty ? undefined : invalid(c);
}
