import type { Translator } from './i18n.ts';
/** Where the first `count` code points of `text` end, in UTF-16 units (a surrogate pair is one code point). */
function codePointsEnd(text: string, count: number): number {
  let at = 0;
  for (let n = 0; n < count && at < text.length; n++) {
    const unit = text.charCodeAt(at);
    const pair = unit >= 0xd800 && unit <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
    at += pair ? 2 : 1;
  }
  return at;
}

const SENTENCE_ENDS = ['. ', '! ', '? ', '。', '！', '？', '\n'] as const;

/**
 * Shortens text for a chat message without cutting a word (or, when one is close, a sentence) in half.
 * Counts code points, not UTF-16 units, so an emoji or a CJK character is never split. Every list and
 * digest calls it once per thread, so it walks the string instead of spreading it into characters.
 */
export function excerpt(text: string, maxChars: number): string {
  const clean = text
    .replace(/[ \t]{2,}|\t/gu, ' ')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  if (clean.length <= maxChars || codePointsEnd(clean, maxChars) >= clean.length) return clean;
  const budget = Math.max(1, maxChars - 1); // room for the ellipsis
  const head = clean.slice(0, codePointsEnd(clean, budget));
  // A sentence end in the last 40% of the budget makes the nicest cut.
  let sentenceEnd = -1;
  for (const mark of SENTENCE_ENDS) {
    const at = head.lastIndexOf(mark);
    if (at >= 0) sentenceEnd = Math.max(sentenceEnd, at + mark.trimEnd().length);
  }
  if (sentenceEnd >= budget * 0.6) return `${head.slice(0, sentenceEnd).trimEnd()} …`;
  const space = head.search(/\s\S*$/u);
  // Scripts without spaces (Chinese, Japanese, Thai) have no word boundary to find: cut at the budget.
  const cut = space >= budget * 0.5 ? head.slice(0, space) : head;
  return `${cut.trimEnd()}…`;
}

/** A duration in words for "2 h ago" labels, in the reader's language: the largest whole unit. */
export function ageLabel(fromIso: string, now: Date, tr: Translator): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return tr.t('age.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return tr.t('age.hours', { count: hours });
  const days = Math.floor(hours / 24);
  if (days < 60) return tr.t('age.days', { count: days });
  return fromIso.slice(0, 10);
}

/**
 * At most `max` code points, ending with `ellipsis` when cut: an emoji, a CJK character or an
 * astral hashtag letter is never split into a lone surrogate (which chat platforms reject).
 * Linear, and without spreading the whole string when it is far longer than `max`.
 */
export function clipText(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let count = 0;
  let end = 0;
  const room = Math.max(0, max - [...ellipsis].length);
  let cut = -1;
  while (end < text.length) {
    if (count === room) cut = end;
    if (count === max) return `${text.slice(0, cut)}${ellipsis}`;
    const code = text.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    count++;
  }
  return text;
}

/**
 * At most `max` UTF-16 units (what chat platforms count), never ending inside a surrogate pair, ending
 * with `ellipsis` when cut.
 */
export function clipUtf16(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - ellipsis.length);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}${ellipsis}`;
}

/** Text with every lone surrogate replaced by U+FFFD: what any UTF-8 wire (chat platforms, JSON files) can carry. */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * Control characters, line and paragraph separators and bidirectional overrides that a terminal or
 * a log viewer would obey, as visible escapes.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a file or an upstream made fit for one line of a report: control characters escaped
 * (`\n`, `\x1b`, `\u202e`), lone surrogates replaced, clipped to `max` code points. An id carrying an
 * escape sequence then cannot repaint the terminal, and a record cannot add lines to the report.
 */
export function oneLine(text: string, max = 120): string {
  const clipped = clipText(wellFormed(text), max);
  return clipped.replace(
    UNPRINTABLE,
    (c) =>
      NAMED_ESCAPES[c] ??
      (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}
