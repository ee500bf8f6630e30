import type { Sensitivity } from './sensitivity.ts';
import type { Presentation } from './settings-commands.ts';

/** Threads a chat does not get, counted so that a closing line can say so. */
export interface Withheld {
  /** Sensitive threads left out because the chat chose `skip`. */
  readonly sensitive: number;
  /** Age-restricted threads kept from a channel not marked NSFW. */
  readonly ageRestricted: number;
}

export const NOTHING_WITHHELD: Withheld = { sensitive: 0, ageRestricted: 0 };

export const withheldCount = (w: Withheld | undefined): number => (w ? w.sensitive + w.ageRestricted : 0);

export function addWithheld(a: Withheld | undefined, b: Withheld | undefined): Withheld {
  return { sensitive: (a?.sensitive ?? 0) + (b?.sensitive ?? 0), ageRestricted: (a?.ageRestricted ?? 0) + (b?.ageRestricted ?? 0) };
}

/**
 * The items a chat may see under its presentation: age-restricted threads never where they are not
 * allowed (whatever the chat's sensitive setting), sensitive ones left out when the chat chose `skip`.
 */
export function withholdFor<T extends { readonly sensitive?: Sensitivity | undefined }>(
  items: readonly T[],
  presentation: Pick<Presentation, 'sensitive' | 'ageRestrictedAllowed'>,
): { readonly kept: T[]; readonly withheld: Withheld } {
  const kept: T[] = [];
  let sensitive = 0;
  let ageRestricted = 0;
  for (const item of items) {
    if (item.sensitive?.ageRestricted && !presentation.ageRestrictedAllowed) ageRestricted++;
    else if (item.sensitive && presentation.sensitive === 'skip') sensitive++;
    else kept.push(item);
  }
  return { kept, withheld: { sensitive, ageRestricted } };
}

/**
 * A digest for a chat that prefers some thread languages: threads in those (and those whose language
 * is unknown: nothing says they are not) stay; the others are counted per language, most first, for
 * the closing line "Also: 中文 3 · Deutsch 2". No preference: everything stays.
 */
export function foldLanguages<T extends { readonly lang: string }>(
  items: readonly T[],
  preferred: readonly string[],
): { readonly kept: T[]; readonly others: { readonly lang: string; readonly count: number }[] } {
  if (preferred.length === 0) return { kept: [...items], others: [] };
  const wanted = new Set(preferred);
  const counts = new Map<string, number>();
  const kept: T[] = [];
  for (const item of items) {
    if (wanted.has(item.lang) || item.lang === 'und') kept.push(item);
    else counts.set(item.lang, (counts.get(item.lang) ?? 0) + 1);
  }
  const others = [...counts].map(([lang, count]) => ({ lang, count })).sort((a, b) => b.count - a.count || a.lang.localeCompare(b.lang));
  return { kept, others };
}
