import type { SourceName } from '../core/index.ts';

/**
 * Small presentation helpers shared by the pages. Dates are shown in UTC with the zone named,
 * because a server-rendered page does not know the reader's zone (the `<time>` element carries
 * the exact instant for anyone who needs it).
 */

const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const numbers = new Intl.NumberFormat('en');

export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : `${dateTime.format(ms)} UTC`;
}

export function formatDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : dateOnly.format(ms);
}

export function formatCount(n: number): string {
  return numbers.format(n);
}

/** "1 post", "18 posts". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const SOURCE_NAMES: Readonly<Record<SourceName, string>> = {
  x: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  rss: 'RSS',
  threadreader: 'Thread Reader',
  jsonl: 'Import',
  sample: 'Sample',
};

export function sourceName(source: SourceName): string {
  return SOURCE_NAMES[source] ?? source;
}

const languageNames = new Map<string, string>();

/** A language's own name ("français", "中文"), capitalized; `und` and unknown codes say so. */
export function languageName(code: string): string {
  const cached = languageNames.get(code);
  if (cached) return cached;
  let name = code === 'und' ? 'Unknown language' : code.toUpperCase();
  if (code !== 'und') {
    try {
      const own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
      if (own) name = own.charAt(0).toLocaleUpperCase(code) + own.slice(1);
    } catch {
      // Not a code Intl knows: keep the upper-case code.
    }
  }
  languageNames.set(code, name);
  return name;
}

/** A language filter value: two letters (ISO 639-1) or `und`; anything else is refused by the tag page. */
export function isLanguageCode(value: string): boolean {
  return /^(?:[a-z]{2}|und)$/u.test(value);
}

/** Up to two initials for the avatar circle, from the display name or the handle. */
export function initials(name: string, handle: string): string {
  const words = (name.trim() || handle).split(/[\s@_.-]+/u);
  const letters = words.map((w) => /[\p{L}\p{N}]/u.exec(w)?.[0]).filter((c): c is string => c !== undefined);
  return letters.slice(0, 2).join('').toLocaleUpperCase() || '?';
}

/** One of eight avatar colours, stable per handle. */
export function avatarClass(handle: string): string {
  let hash = 0;
  for (const ch of handle) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `av${hash % 8}`;
}

/** Reading time at 230 words a minute; scripts without spaces count 500 characters a minute. */
export function readingMinutes(texts: readonly string[]): number {
  let minutes = 0;
  for (const text of texts) {
    const words = text.split(/\s+/u).filter(Boolean).length;
    const cjk = (text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu) ?? []).length;
    minutes += words / 230 + cjk / 500;
  }
  return Math.max(1, Math.round(minutes));
}
