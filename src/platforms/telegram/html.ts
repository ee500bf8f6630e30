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

/** The length Telegram checks: tags removed, entities decoded, in UTF-16 units as Telegram counts. */
export function visibleLength(html: string): number {
  return html
    .replace(/<[^>]*>/gu, '')
    .replace(/&(lt|gt|amp|quot);/gu, '_')
    .replace(/&#x?[0-9a-fA-F]+;/gu, '_').length;
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
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
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
export function packBlocks(blocks: readonly { readonly html: string; readonly preview?: string | undefined }[], limit = TELEGRAM_TEXT_LIMIT): TelegramMessage[] {
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
  return messages.map((m) => (m.preview ? { html: m.html, preview: m.preview } : { html: m.html }));
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
  for (const block of blocks) {
    const candidate = current === '' ? block : `${current}${separator}${block}`;
    if (current !== '' && visibleLength(candidate) > limit) {
      messages.push(current);
      current = block;
    } else {
      current = candidate;
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}
