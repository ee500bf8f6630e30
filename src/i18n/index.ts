import i18next, { type i18n } from 'i18next';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, type Locale, type Message, type MessageArgs, type MessageKey, type Translator } from '../core/index.ts';
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
 * platform escapes for its own format (HTML, Discord markdown) after translating. A key missing in a
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
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

let shared: i18n | undefined;
const translators = new Map<Locale, Translator>();

/** The translator of a locale (made once, shared). */
export function translatorFor(locale: Locale = DEFAULT_LOCALE): Translator {
  let translator = translators.get(locale);
  if (!translator) {
    shared ??= createI18n();
    const t = shared.getFixedT(locale);
    const has = (key: string): boolean => shared?.exists(key, { lng: locale, fallbackLng: false }) ?? false;
    translator = {
      locale,
      t: <K extends MessageKey>(key: K, ...args: MessageArgs<K>): string => t(key, args[0] as Record<string, unknown> | undefined),
      say: (message: Message): string => t(message.key, message.params),
      lookup: (key: string): string | undefined => (has(key) ? t(key) : undefined),
    };
    translators.set(locale, translator);
  }
  return translator;
}

/** English, for the operator's terminal (the CLI) and the logs. */
export const english: Translator = translatorFor(DEFAULT_LOCALE);
