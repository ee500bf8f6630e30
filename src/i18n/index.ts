import i18next, { type i18n } from 'i18next';
import {
  DEFAULT_LOCALE,
  resolveParams,
  SUPPORTED_LOCALES,
  type Locale,
  type Message,
  type MessageArgs,
  type MessageKey,
  type MessageValue,
  type Translator,
} from '../core/index.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import it from './locales/it.json' with { type: 'json' };

/** The message catalogues, one per supported locale (src/i18n/locales/<locale>.json). */
export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { en, fr, it, de };

/**
 * One i18next instance for the process, initialised synchronously from the bundled catalogues
 * (no backend, no I/O): keys are flat (`threads.header.recent`), plurals follow i18next's
 * `_one`/`_many`/`_other` suffixes (Intl.PluralRules), and values are not escaped here — each
 * platform escapes for its own format (HTML, markdown) after translating. A key missing in a
 * language falls back to English (the catalogue test makes sure none is missing).
 */
function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...SUPPORTED_LOCALES],
    resources: Object.fromEntries(Object.entries(CATALOGUES).map(([locale, translation]) => [locale, { translation }])),
    keySeparator: false,
    nsSeparator: false,
    // No nesting ($t(…)) in the catalogues: a prefix that never occurs saves a pass per call.
    interpolation: { escapeValue: false, skipOnVariables: true, nestingPrefix: '\u0000$t(', nestingSuffix: ')\u0000' },
    load: 'currentOnly',
    returnNull: false,
  });
  return instance;
}

let shared: i18n | undefined;
const MEMO_ENTRIES = 5_000;
const translators = new Map<Locale, Translator>();

/** The translator of a locale (made once, shared). */
export function translatorFor(locale: Locale = DEFAULT_LOCALE): Translator {
  let translator = translators.get(locale);
  if (!translator) {
    const i18n = (shared ??= createI18n());
    // A page of cards asks for the same few sentences over and over ("🧵 3 posts", "2 h ago"): each
    // translation is kept, by key and parameters, in a bounded memo. An i18next call costs 3–6 µs, a
    // fixed-language `t` from getFixedT about 20 (measured); the memo answers in well under one.
    const constant = new Map<string, string | undefined>();
    const memo = new Map<string, string>();
    const translate = (key: string, params?: Record<string, unknown>): string => {
      const id = params ? `${key}\u0000${Object.values(params).join('\u0000')}` : key;
      let text = memo.get(id);
      if (text === undefined) {
        text = i18n.t(key, { ...params, lng: locale });
        if (memo.size >= MEMO_ENTRIES) memo.clear();
        memo.set(id, text);
      }
      return text;
    };
    const self: Translator = {
      locale,
      t: <K extends MessageKey>(key: K, ...args: MessageArgs<K>): string =>
        translate(key, resolveParams(args[0] as Record<string, MessageValue> | undefined, self)),
      say: (message: Message): string => translate(message.key, resolveParams(message.params, self)),
      lookup(key: string): string | undefined {
        if (constant.has(key)) return constant.get(key);
        const text = i18n.exists(key, { lng: locale, fallbackLng: false }) ? i18n.t(key, { lng: locale }) : undefined;
        constant.set(key, text);
        return text;
      },
    };
    translator = self;
    translators.set(locale, translator);
  }
  return translator;
}

/** English, for the operator's terminal (the CLI) and the logs. */
export const english: Translator = translatorFor(DEFAULT_LOCALE);
