import { wording, type Digest } from '../../core/index.ts';
import { escapeHtml, fitMessage, packMessages } from './html.ts';
import { renderSummaryHtml } from './summary.ts';

/**
 * A digest as Telegram HTML messages, each within 4096 visible characters, split only between
 * threads. Pure, so `spool digest --platform telegram` shows exactly what a chat would receive.
 * An empty digest renders as the one-line "nothing new" note (the publisher sends it only on request).
 * Ages are counted from `now`, by default the end of the digest's window.
 */
export function renderTelegramDigest(digest: Digest, now: Date = new Date(digest.until)): string[] {
  const title = `<b>${escapeHtml(digest.title)}</b>`;
  if (digest.items.length === 0) {
    return [fitMessage(`${title}\n${escapeHtml(wording.digestNothingNew(digest))}`)];
  }
  const count = digest.items.length === 1 ? '1 thread' : `${digest.items.length} threads`;
  const blocks = [`${title}\n${count}`, ...digest.items.map((item, i) => renderSummaryHtml(item, i + 1, now))];
  return packMessages(blocks);
}
