/**
 * Text from the internet, made inert for Discord: markdown shows as typed, and mention syntax
 * (`@everyone`, `@here`, `<@123>`, `<@&123>`, `<#123>`, `</cmd:1>`) is broken with a zero-width
 * space so it neither pings nor renders as a mention. `allowed_mentions: { parse: [] }` is sent as
 * well; this is the second belt, for clients that render mentions in embeds.
 *
 * Linear on purpose: discord.js's `escapeMarkdown` takes about 40 ms per 4000 characters with
 * italics on (a backtracking regex), which a hostile 5000-character thread would turn into a stall.
 * Discord hides a backslash before any punctuation, so escaping a little more than needed is harmless.
 */
export function neutralize(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/gu, '\\$&')
    .replace(/^([ \t]*)([>#-]|\d+\.)/gmu, (_, space: string, mark: string) => `${space}${mark.replace(/[>#.-]/u, '\\$&')}`)
    .replace(/@(everyone|here)/giu, '@\u200b$1')
    .replace(/<([@#/:]|a:)/gu, '<\u200b$1');
}

/**
 * Cuts to at most `max` UTF-16 units (Discord counts characters; UTF-16 length is never smaller,
 * so this is safe for emoji and CJK), never splitting a surrogate pair, ending with an ellipsis.
 */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  // An escape backslash left dangling at the end would escape the ellipsis.
  return `${cut.replace(/\\+$/u, '')}…`;
}

/**
 * A payload with every string made well-formed: Discord refuses a whole body that holds a lone
 * surrogate (stored text can carry one; so can any cut made by UTF-16 units).
 */
export function wellFormedPayload<T>(value: T): T {
  if (typeof value === 'string') return (value.isWellFormed() ? value : value.toWellFormed()) as T;
  if (Array.isArray(value)) return value.map(wellFormedPayload) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormedPayload(v)])) as T;
  return value;
}

/**
 * `||text||` with `text` already neutralized: every `|` inside is escaped, so nothing from the
 * internet can close the spoiler early and show the rest in the clear.
 */
export function spoiler(neutralized: string): string {
  return `||${neutralized}||`;
}

/** Positions of the unescaped `||` markers in Discord markdown (an escaped `\|` is a literal bar). */
function spoilerMarks(text: string): number[] {
  const marks: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '|' && text[i + 1] === '|') {
      marks.push(i);
      i++;
    }
  }
  return marks;
}

/**
 * `clamp` for markdown that may hold a spoiler: a cut inside `||…||` closes it again, so a shortened
 * description never shows the end of a hidden text in the clear.
 */
export function clampMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = clamp(text, Math.max(1, max - 2));
  return spoilerMarks(cut).length % 2 === 1 ? `${cut}||` : cut;
}
