import { languageLabel, listOf, weekdayName } from './names.ts';
import type { Locale } from './settings-commands.ts';

/**
 * Every sentence Spool says in a chat, by key, with the parameters each takes: the registry the
 * message catalogues (`src/i18n/locales/*.json`, one per language) are checked against. The core
 * stays pure: it names messages by key and parameters, and front ends translate them through a
 * `Translator` (the app's, made with i18next in `src/i18n`). A key whose parameters include
 * `count` has one catalogue entry per plural category of each language (`digest.count_one`,
 * `digest.count_other`, French also `_many` …).
 *
 * Command names, descriptions and option texts are keyed by their declaration instead
 * (`command.<name>.description`, see `commandKeys`), so a new command needs no entry here.
 */
export const MESSAGES = {
  'threads.header.recent': ['tag', 'total'],
  'threads.header.best': ['tag', 'total'],
  'threads.none': ['tag'],
  'threads.noneInLanguage': ['tag', 'lang'],
  'threads.noMore': ['tag'],
  'related.header': ['tag'],
  'related.none': ['tag'],
  'related.tapHint': [],
  'search.header': ['words', 'scope', 'total'],
  'search.none': ['words', 'scope'],
  'digest.title': ['subject', 'day'],
  'digest.count': ['count'],
  'digest.nothingNew': ['since'],
  'help.intro': [],
  'help.reader': [],
  'help.commands': [],
  'console.intro': [],
  'subscriptions.header': [],
  'subscriptions.none': [],
  'subscriptions.line': ['subject', 'cadence'],
  'subscribed.new': ['subject', 'promise'],
  'subscribed.renewed': ['subject', 'promise'],
  'subscribed.newFresh': ['subject', 'cadence'],
  'subscribed.renewedFresh': ['subject', 'cadence'],
  unsubscribed: ['subject'],
  'button.expired': [],
  notACommand: [],
  'more.hint': [],
  'more.nothing': [],
  'more.last': ['tag'],
  'page.next': [],
  'page.first': [],
  'sort.recent': [],
  'sort.best': [],
  'settings.header': [],
  'settings.saved': [],
  'settings.media.on': [],
  'settings.media.off': [],
  'settings.sensitive.show': [],
  'settings.sensitive.spoiler': [],
  'settings.sensitive.skip': [],
  'settings.language.auto': [],
  'settings.language.set': ['language'],
  'settings.threadLanguages.all': [],
  'settings.threadLanguages.some': ['languages'],
  'settings.hint': [],
  'card.posts': ['count'],
  'card.stored': ['count'],
  'card.grown': ['count'],
  'card.read': [],
  'card.lang': ['lang'],
  'card.contentWarning': ['warning'],
  'card.sensitive': [],
  'card.picture': ['alt'],
  'card.pictureNoAlt': [],
  'card.pictureHidden': [],
  'card.alsoOn': [],
  'card.similar': ['count'],
  'age.minutes': ['count'],
  'age.hours': ['count'],
  'age.days': ['count'],
  seen: ['date'],
  'byline.from': ['origin'],
  'byline.unknown': [],
  'heldBack.line': ['reasons'],
  'heldBack.hashtags': ['count', 'max'],
  'heldBack.perAuthor': ['count', 'max'],
  'withheld.sensitive': ['count'],
  'withheld.ageRestricted': ['count'],
  'otherLanguages.line': ['languages'],
  'channel.notFound': ['ref'],
  'channel.notChannel': ['ref'],
  'channel.botNotAdmin': ['name'],
  'channel.userNotAdmin': ['name'],
  'failure.hashtag.missing': [],
  'failure.hashtag.empty': [],
  'failure.hashtag.tooLong': ['input'],
  'failure.hashtag.characters': ['input'],
  'failure.hashtag.unknown': ['tag'],
  'failure.hashtag.unknownClosest': ['tag', 'closest'],
  'failure.search.missing': [],
  'failure.search.invalid': ['input'],
  'failure.sort.invalid': ['input'],
  'failure.command.unknown': ['command'],
  'failure.command.unsupported': ['command'],
  'failure.time.invalid': ['input'],
  'failure.timezone.invalid': ['input'],
  'failure.cron.invalid': ['input'],
  'failure.subscription.notAdmin': [],
  'failure.chat.botCannotPost': [],
  'failure.subscription.limit': ['limit'],
  'failure.subscription.tagLimit': ['limit'],
  'failure.subscription.userLimit': ['limit'],
  'failure.subscription.notAllowed': ['tag'],
  'failure.subscription.exists': ['tag'],
  'failure.subscription.unknown': ['subject'],
  'failure.settings.invalid': ['input'],
  'failure.language.unsupported': ['input', 'supported'],
  'failure.internal': [],
  'search.scope.tag': ['tag'],
  'search.scope.about': ['tag'],
  'search.scope.author': ['author'],
  'search.noMore': ['words'],
  'author.header.recent': ['who', 'total'],
  'author.header.best': ['who', 'total'],
  'author.noMore': ['ref'],
  'digest.liveTitle': ['subject'],
  'card.grownSince': ['count', 'since'],
  'since.yesterday': [],
  'unroll.posts': ['count'],
  'unroll.new': ['count'],
  'unroll.grown': ['count'],
  'unroll.same': [],
  'thread.page': ['page', 'pages'],
  'thread.reader': [],
  'thread.original': [],
  'thread.end': [],
  'page.previous': [],
  'more.lastPage': [],
  'subscriptions.lineFilters': ['filters'],
  'subscriptions.paused': [],
  'subscriptions.pausedBecause': ['reason'],
  'cadence.daily': ['time', 'zone'],
  'cadence.weekly': ['day', 'time', 'zone'],
  'cadence.hourly': [],
  'cadence.live': ['count'],
  'cadence.cron': ['expression', 'zone'],
  'filter.langs': ['langs'],
  'filter.minPosts': ['count'],
  'filter.require': ['words'],
  'filter.exclude': ['words'],
  'filter.muted': ['authors'],
  'promise.digest': ['cadence'],
  'promise.live': ['count', 'perHour'],
  'subscription.only': ['filters'],
  'subscription.updated': ['subject', 'promise'],
  'subscription.everyThread': [],
  'failure.author.invalid': ['input'],
  'failure.author.unknown': ['input'],
  'failure.author.ambiguous': ['input', 'refs'],
  'failure.unroll.missing': [],
  'failure.unroll.unsupported': ['input'],
  'failure.unroll.noLink': [],
  'failure.unroll.notFound': ['where'],
  'failure.unroll.private': ['where'],
  'failure.unroll.loginRequired': ['where'],
  'failure.unroll.notConfigured': ['network'],
  'failure.unroll.unavailable': ['where'],
  'failure.unroll.blockedHost': ['where'],
  'failure.unroll.notAThread': [],
  'failure.thread.unknown': ['id'],
  'failure.option.unknown': ['input'],
  'failure.weekday.invalid': ['input'],
  'failure.lang.invalid': ['input'],
  'failure.min.invalid': ['input'],
  'failure.word.invalid': ['input'],
  'failure.word.conflict': ['word'],
  'failure.live.invalid': ['input'],
  'failure.mute.invalid': ['input'],
  'failure.cadence.conflict': ['input'],
} as const satisfies Record<string, readonly string[]>;

export type MessageKey = keyof typeof MESSAGES;

/**
 * A parameter: text or a number, or something the translator words in the reader's language — another
 * message, a list ("English or French"), a weekday, a language.
 */
export type MessageValue =
  | string
  | number
  | Message
  | { readonly list: readonly (string | Message | { readonly language: string })[]; readonly join: 'and' | 'or' | 'comma' }
  | { readonly weekday: number }
  | { readonly language: string };

type ParamsOf<K extends MessageKey> = { readonly [P in (typeof MESSAGES)[K][number]]: MessageValue };
/** No second argument for a message without parameters; exactly its parameters otherwise. */
export type MessageArgs<K extends MessageKey> = (typeof MESSAGES)[K] extends readonly [] ? [] : [ParamsOf<K>];

/** A message as the core hands it to a front end, to translate in the chat's language. */
export type Message = { [K in MessageKey]: { readonly key: K; readonly params?: Readonly<Record<string, MessageValue>> } }[MessageKey];

export function message<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Message {
  return (args[0] === undefined ? { key } : { key, params: args[0] as Record<string, MessageValue> }) as Message;
}

const isMessage = (v: object): v is Message => 'key' in v;

/** Parameters as plain text and numbers, the nested ones worded by `tr` (what a catalogue interpolates). */
export function resolveParams(params: Readonly<Record<string, MessageValue>> | undefined, tr: Translator): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const word = (v: MessageValue): string | number => {
    if (typeof v === 'string' || typeof v === 'number') return v;
    if (isMessage(v)) return tr.say(v);
    if ('list' in v)
      return listOf(
        v.list.map((item) => (typeof item === 'string' ? item : isMessage(item) ? tr.say(item) : languageLabel(item.language, tr.locale))),
        v.join,
        tr.locale,
      );
    if ('weekday' in v) return weekdayName(v.weekday, tr.locale);
    return languageLabel(v.language, tr.locale);
  };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, word(v)]));
}

/** The port front ends translate through: one per locale. */
export interface Translator {
  readonly locale: Locale;
  t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string;
  /** A message the core handed over as data. */
  say(message: Message): string;
  /** A key built from a declaration (a command's texts); undefined when the catalogue has none. */
  lookup(key: string): string | undefined;
}

/** The catalogue keys of a declared command: its localized name, description, options and choices. */
export function commandKeys(command: { readonly name: string }) {
  return {
    name: `command.${command.name}.name`,
    description: `command.${command.name}.description`,
    option: (option: string) => `command.${command.name}.option.${option}`,
    choice: (option: string, value: string) => `command.${command.name}.choice.${option}.${value}`,
  };
}
