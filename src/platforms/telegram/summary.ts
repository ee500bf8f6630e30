import { bylineOf, excerpt, whenLabel, wording, type ThreadSummary } from '../../core/index.ts';
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
  // The author's name links to their page (the reader's, or their profile) when there is one.
  const named = (label: string): string => (item.authorLink ? `<b>${link(item.authorLink, label)}</b>` : `<b>${escapeHtml(label)}</b>`);
  const who = byline.kind === 'origin' ? `<i>${escapeHtml(clip(byline.text, MAX_NAME))}</i>` : name ? `${named(name)} @${escapeHtml(handle)}` : named(`@${handle}`);
  const partial = item.storedCount < item.postCount ? ` (${item.storedCount} stored)` : '';
  const grown = item.growth ? ` · ${escapeHtml(wording.grownSince(item.growth))}` : item.grownBy > 0 ? ` · +${item.grownBy} new` : '';
  const meta = `🧵 ${item.postCount} ${item.postCount === 1 ? 'post' : 'posts'}${partial}${grown} · ${escapeHtml(item.lang)} · ${escapeHtml(whenLabel(item, now))}`;
  const lines = [`${index}. ${who}`, meta, markedHtml(item.excerpt, item.marks)];
  if (item.link) lines.push(link(item.link, 'Read the thread →'));
  return lines.join('\n');
}

/** The excerpt escaped, a search's matched words in <b> (only when the excerpt needs no shortening, so the marks still fit it). */
export function markedHtml(text: string, marks: ThreadSummary['marks']): string {
  if (!marks || marks.length === 0 || [...text].length > MAX_EXCERPT) return escapeHtml(excerpt(text, MAX_EXCERPT));
  let out = '';
  let at = 0;
  for (const [start, end] of marks) {
    if (start < at || end > text.length) continue;
    out += `${escapeHtml(text.slice(at, start))}<b>${escapeHtml(text.slice(start, end))}</b>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at));
}
