import { describe, expect, it } from 'vitest';
import {
  CORE_COMMANDS,
  commandKeys,
  MESSAGES,
  SETTINGS_COMMANDS,
  SUBSCRIPTION_COMMANDS,
  SUPPORTED_LOCALES,
  UNROLL_COMMANDS,
  type Locale,
} from '../../../src/core/index.ts';
import { CATALOGUES, translatorFor } from '../../../src/i18n/index.ts';

/** Every command a chat can see, with /help (the router adds it). */
const COMMANDS = [...CORE_COMMANDS, ...UNROLL_COMMANDS, ...SUBSCRIPTION_COMMANDS, ...SETTINGS_COMMANDS, { name: 'help', options: [] }];
const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/gu;

/** The keys a locale's catalogue must have: every message (one per plural category when it counts) and, beside English, every command text. */
function expectedKeys(locale: Locale): Map<string, readonly string[]> {
  const keys = new Map<string, readonly string[]>();
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  for (const [key, params] of Object.entries(MESSAGES)) {
    if ((params as readonly string[]).includes('count')) for (const category of categories) keys.set(`${key}_${category}`, params);
    else keys.set(key, params);
  }
  if (locale !== 'en') {
    for (const command of COMMANDS) {
      const k = commandKeys(command);
      keys.set(k.name, []);
      keys.set(k.description, []);
      for (const option of command.options) {
        keys.set(k.option(option.name), []);
        for (const choice of option.choices ?? []) keys.set(k.choice(option.name, choice.value), []);
      }
    }
  }
  return keys;
}

/** What is wrong with a catalogue: keys missing, keys no one asks for, placeholders that are not the message's parameters. */
function catalogueProblems(locale: Locale, catalogue: Readonly<Record<string, string>>): string[] {
  const expected = expectedKeys(locale);
  const problems: string[] = [];
  for (const key of expected.keys()) if (!(key in catalogue) || catalogue[key]?.trim() === '') problems.push(`${locale}: missing ${key}`);
  for (const [key, text] of Object.entries(catalogue)) {
    const params = expected.get(key);
    if (!params) {
      problems.push(`${locale}: unexpected ${key}`);
      continue;
    }
    const used = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''));
    for (const name of used) if (!params.includes(name)) problems.push(`${locale}: ${key} uses {{${name}}}, which it is not given`);
    // A sentence must say everything it is given; a plural form may leave out the count ("un fil").
    for (const name of params) if (name !== 'count' && !used.has(name)) problems.push(`${locale}: ${key} leaves out {{${name}}}`);
  }
  return problems;
}

describe('message catalogues', () => {
  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s → every message and command text present, nothing extra, placeholders as given', (locale) => {
    expect(catalogueProblems(locale, CATALOGUES[locale])).toEqual([]);
  });

  it('a catalogue missing one key, or with a stray placeholder → the check says so (it can fail)', () => {
    const { ['digest.title']: _dropped, ...missing } = CATALOGUES.fr;
    expect(catalogueProblems('fr', missing)).toEqual(['fr: missing digest.title']);
    expect(catalogueProblems('de', { ...CATALOGUES.de, 'threads.none': 'Noch keine Threads zu #{{hashtag}}.' })).toEqual([
      'de: threads.none uses {{hashtag}}, which it is not given',
      'de: threads.none leaves out {{tag}}',
    ]);
  });

  it('localized command names are names Discord accepts; descriptions fit its 100 characters', () => {
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
      const tr = translatorFor(locale);
      for (const command of COMMANDS) {
        expect(tr.lookup(commandKeys(command).name), `${locale} ${command.name}`).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect([...(tr.lookup(commandKeys(command).description) ?? '')].length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('plurals follow each language: 1 and 2 threads, and French “de” for a million', () => {
    expect(['en', 'fr', 'it', 'de'].map((l) => translatorFor(l as Locale).t('digest.count', { count: 1 }))).toEqual([
      '1 thread',
      '1 fil',
      '1 thread',
      '1 Thread',
    ]);
    expect(translatorFor('de').t('age.days', { count: 3 })).toBe('vor 3 Tagen');
    expect(translatorFor('fr').t('digest.count', { count: 1_000_000 })).toBe('1000000 de fils');
  });
});
