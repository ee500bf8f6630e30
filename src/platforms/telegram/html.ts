import { clipText, clipUtf16, wellFormed } from '../../core/index.ts';

/**
 * Telegram HTML parse mode, the safe way round: every piece of text from the internet goes
 * through `escapeHtml`, and Spool writes only tags Telegram accepts (b, i, a, blockquote).
 * Telegram counts a message's length after entity parsing, so `visibleLength` is what the
 * 4096-character limit applies to.
 */

export const TELEGRAM_TEXT_LIMIT = 4096;

/** Escapes the three characters HTML parse mode reserves, plus `"` so the result is safe in attributes too. */
export function escapeHtml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * The text Telegram shows for Spool's HTML: tags removed, entities decoded — in one pass, so that
 * an escaped `&amp;#0;` from the internet is counted as the five characters it shows, not as a NUL.
 */
export function visibleText(html: string): string {
  return html.replace(/<[^>]*>|&(lt|gt|amp|quot|#x[0-9a-fA-F]{1,6}|#[0-9]{1,7});/gu, (match, entity: string | undefined) => {
    if (entity === undefined) return '';
    const named = NAMED[entity];
    if (named !== undefined) return named;
    const point = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return point <= 0x10ffff ? String.fromCodePoint(point) : match;
  });
}

/** The length Telegram checks: after entity parsing, in UTF-16 units as Telegram counts. */
export function visibleLength(html: string): number {
  return visibleText(html).length;
}

/** A link only when the URL is http(s); anything else (javascript:, garbage) is shown as plain text. */
export function link(href: string, label: string): string {
  try {
    const url = new URL(href);
    if (url.protocol === 'http:' || url.protocol === 'https:') return `<a href="${escapeHtml(url.href)}">${escapeHtml(label)}</a>`;
  } catch {
    // not a URL: fall through
  }
  return escapeHtml(label);
}

/** Shortens by code points so that an emoji or a CJK character is never split. */
export function clip(text: string, max: number): string {
  return clipText(text, max);
}

/**
 * A block that is over the limit by itself (no renderer should make one) is sent as its plain
 * text, cut to fit: a message Telegram accepts, instead of a refusal and "Something went wrong".
 */
function fitBlock(block: string, limit: number): string {
  if (visibleLength(block) <= limit) return block;
  return escapeHtml(clipUtf16(visibleText(block), limit));
}

/**
 * A message as it may go out: within the limit after entity parsing, and well-formed UTF-16 —
 * Telegram refuses a lone surrogate (from stored text, or a cut somewhere upstream) as not UTF-8.
 */
export function fitMessage(html: string, limit = TELEGRAM_TEXT_LIMIT): string {
  return wellFormed(fitBlock(html, limit));
}

/** One message: its HTML and the picture Telegram should show as its link preview (none: previews off). */
export interface TelegramMessage {
  readonly html: string;
  readonly preview?: string | undefined;
}

/**
 * Packs blocks into messages like `packMessages`; each message previews the first picture among its
 * blocks (Telegram shows one link preview per message).
 */
export function packBlocks(
  blocks: readonly { readonly html: string; readonly preview?: string | undefined }[],
  limit = TELEGRAM_TEXT_LIMIT,
): TelegramMessage[] {
  const messages: { html: string; preview?: string | undefined }[] = [];
  let current: { html: string; preview?: string | undefined } | undefined;
  for (const block of blocks) {
    const candidate = current ? `${current.html}\n\n${block.html}` : block.html;
    if (current && visibleLength(candidate) > limit) {
      messages.push(current);
      current = { html: block.html, preview: block.preview };
    } else {
      current = { html: candidate, preview: current?.preview ?? block.preview };
    }
  }
  if (current) messages.push(current);
  return messages.map((m) => (m.preview ? { html: fitMessage(m.html, limit), preview: m.preview } : { html: fitMessage(m.html, limit) }));
}

/** Telegram's `link_preview_options` for a message: the picture, large, below the text; or none. */
export function previewOptions(message: TelegramMessage) {
  return message.preview ? { url: message.preview, prefer_large_media: true, show_above_text: false } : { is_disabled: true };
}

/**
 * Packs blocks (each already valid HTML, each well under the limit) into as few messages as
 * possible, never splitting a block: a message break falls only between threads.
 */
export function packMessages(blocks: readonly string[], limit = TELEGRAM_TEXT_LIMIT, separator = '\n\n'): string[] {
  const messages: string[] = [];
  let current = '';
  for (const raw of blocks) {
    const block = fitBlock(raw, limit);
    const candidate = current === '' ? block : `${current}${separator}${block}`;
    if (current !== '' && visibleLength(candidate) > limit) {
      messages.push(current);
      current = block;
    } else {
      current = candidate;
    }
  }
  if (current !== '') messages.push(current);
  return messages.map((m) => fitMessage(m, limit));
}
