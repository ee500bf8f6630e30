import { DEFAULT_PRESENTATION, digestClosingLines, wordingOf, type Digest, type Presentation } from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { escapeHtml, fitMessage, packBlocks, type TelegramMessage } from './html.ts';
import { renderSummaryBlock } from './summary.ts';

/**
 * A digest as Telegram HTML messages, each within 4096 visible characters, split only between
 * threads, each previewing the first picture among its threads (when the chat shows pictures).
 * Pure, so `spool digest --platform telegram` shows exactly what a chat would receive.
 * An empty digest renders as the one-line "nothing new" note (the publisher sends it only on request).
 * Ages are counted from `now`, by default the end of the digest's window.
 */
export function renderTelegramDigestMessages(
  digest: Digest,
  now: Date = new Date(digest.until),
  presentation: Presentation = DEFAULT_PRESENTATION,
): TelegramMessage[] {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const title = `<b>${escapeHtml(wording.digestTitle(digest))}</b>`;
  const closing = digestClosingLines(digest, tr).map(escapeHtml);
  if (digest.items.length === 0) {
    return [{ html: fitMessage([`${title}\n${escapeHtml(wording.digestNothingNew(digest))}`, ...closing].join('\n')) }];
  }
  const count = escapeHtml(wording.digestCount(digest.items.length));
  const blocks = [{ html: `${title}\n${count}` }, ...digest.items.map((item, i) => renderSummaryBlock(item, i + 1, now, presentation))];
  if (closing.length > 0) blocks.push({ html: `<i>${closing.join('\n')}</i>` });
  return packBlocks(blocks);
}

/** The messages' HTML alone. */
export function renderTelegramDigest(digest: Digest, now?: Date, presentation?: Presentation): string[] {
  return renderTelegramDigestMessages(digest, now, presentation).map((m) => m.html);
}
