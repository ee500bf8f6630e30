import { bylineOf, excerpt, whenLabel, type ThreadSummary } from '../../core/index.ts';
import { clip, escapeHtml, link } from './html.ts';

/** The longest excerpt a block may carry, whatever the core sends: keeps every block far below 4096. */
const MAX_EXCERPT = 1000;
const MAX_NAME = 64;

/**
 * One thread as an HTML block: author, length ("🧵 18 posts"), language, age, the excerpt and a link.
 * Everything that came from the internet is escaped; the block's visible length stays under ~1300.
 */
export function renderSummaryHtml(item: ThreadSummary, index: number, now: Date): string {
  const byline = bylineOf(item);
  const name = byline.kind === 'author' ? clip(byline.name.trim(), MAX_NAME) : '';
  const handle = byline.kind === 'author' ? clip(byline.handle, MAX_NAME) : '';
  const who =
    byline.kind === 'origin' ? `<i>${escapeHtml(clip(byline.text, MAX_NAME))}</i>` : name ? `<b>${escapeHtml(name)}</b> @${escapeHtml(handle)}` : `<b>@${escapeHtml(handle)}</b>`;
  const partial = item.storedCount < item.postCount ? ` (${item.storedCount} stored)` : '';
  const grown = item.grownBy > 0 ? ` · +${item.grownBy} new` : '';
  const meta = `🧵 ${item.postCount} ${item.postCount === 1 ? 'post' : 'posts'}${partial}${grown} · ${escapeHtml(item.lang)} · ${escapeHtml(whenLabel(item, now))}`;
  const lines = [`${index}. ${who}`, meta, escapeHtml(excerpt(item.excerpt, MAX_EXCERPT))];
  if (item.link) lines.push(link(item.link, 'Read the thread →'));
  return lines.join('\n');
}
