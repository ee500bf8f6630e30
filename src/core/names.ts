/**
 * Names the platform's own calendar and language data give in every language (Intl), so no catalogue
 * has to: weekdays and languages.
 */

/** A weekday's name in the reader's language (0 = Sunday). */
export function weekdayName(weekday: number, locale: string): string {
  // 2026-11-22 is a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 22 + weekday)));
}

/** A language's name in the reader's language ("français", "Deutsch"); the code when there is none. */
export function languageLabel(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** "a, b and c" / "a, b or c" / "a, b, c" in the reader's language. */
export function listOf(items: readonly string[], join: 'and' | 'or' | 'comma', locale: string): string {
  if (join === 'comma') return items.join(', ');
  return new Intl.ListFormat(locale, { type: join === 'and' ? 'conjunction' : 'disjunction' }).format(items);
}
