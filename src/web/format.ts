import { sourceLabel, type SourceName } from '../core/index.ts';

/**
 * Small presentation helpers shared by the pages. Dates are shown in UTC with the zone named,
 * because a server-rendered page does not know the reader's zone (the `<time>` element carries
 * the exact instant for anyone who needs it).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const numbers = new Intl.NumberFormat('en');
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

// Written out by hand rather than with Intl.DateTimeFormat: a tag page formats 40 dates, and Intl
// cost more than the rest of a card (bench/web-latency.ts).

/** "20 Nov 2026, 07:12 UTC"; empty for an unreadable date. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${formatDate(iso)}, ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

/** "20 Nov 2026"; empty for an unreadable date. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}`;
}

/** "1,234"; small numbers skip Intl, which is slow for what they need. */
export function formatCount(n: number): string {
  return n < 1000 && n >= 0 ? String(n) : numbers.format(n);
}

/** "1 post", "18 posts". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function sourceName(source: SourceName): string {
  return sourceLabel(source);
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

/** Up to two initials for the avatar circle: the first letter or digit of the first two words of the name (or handle). */
export function initials(name: string, handle: string): string {
  const letters: string[] = [];
  let atWordStart = true;
  for (const ch of name.trim() || handle) {
    if (SEPARATOR.test(ch)) atWordStart = true;
    else if (atWordStart && LETTER_OR_DIGIT.test(ch)) {
      letters.push(ch);
      atWordStart = false;
      if (letters.length === 2) break;
    }
  }
  return letters.join('').toLocaleUpperCase() || '?';
}
const SEPARATOR = /[\s@_.-]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

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
