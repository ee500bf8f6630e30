import { bylineOf, DEFAULT_PRESENTATION, excerpt, sourceLabel, whenLabel, wordingOf, type Presentation, type ThreadSummary } from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { clip, escapeHtml, link } from './html.ts';

/** The longest excerpt a block may carry, whatever the core sends: keeps every block far below 4096. */
const MAX_EXCERPT = 1000;
const MAX_NAME = 64;
const MAX_ALT = 300;

/** One thread as an HTML block, and the picture Telegram may show for it as the message's link preview. */
export interface SummaryBlock {
  readonly html: string;
  /** The thread's picture, when the chat shows pictures and the thread is not hidden behind a spoiler. */
  readonly preview?: string | undefined;
}

/**
 * One thread as an HTML block: author, length ("🧵 18 posts"), language, age, the excerpt and a link.
 * A picture is a link whose text is its alt text (Telegram shows one picture per message, as the
 * link preview: see `packBlocks`). A sensitive thread in `spoiler` mode shows its warning in the clear
 * and the excerpt and picture link inside `<tg-spoiler>`; its picture is never previewed (a preview
 * cannot be blurred). Everything that came from the internet is escaped.
 */
export function renderSummaryBlock(item: ThreadSummary, index: number, now: Date, presentation: Presentation = DEFAULT_PRESENTATION): SummaryBlock {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const byline = bylineOf(item, tr);
  const name = byline.kind === 'author' ? clip(byline.name.trim(), MAX_NAME) : '';
  const handle = byline.kind === 'author' ? clip(byline.handle, MAX_NAME) : '';
  // The author's name links to their page (the reader's, or their profile) when there is one.
  const named = (label: string): string => (item.authorLink ? `<b>${link(item.authorLink, label)}</b>` : `<b>${escapeHtml(label)}</b>`);
  const who =
    byline.kind === 'origin' ? `<i>${escapeHtml(clip(byline.text, MAX_NAME))}</i>` : name ? `${named(name)} @${escapeHtml(handle)}` : named(`@${handle}`);
  const partial = item.storedCount < item.postCount ? ` ${wording.stored(item.storedCount)}` : '';
  const grown = item.growth ? ` · ${wording.grownSince(item.growth)}` : item.grownBy > 0 ? ` · ${wording.grown(item.grownBy)}` : '';
  const meta = `${escapeHtml(wording.posts(item.postCount))}${escapeHtml(partial)}${escapeHtml(grown)} · ${escapeHtml(item.lang)} · ${escapeHtml(whenLabel(item, now, tr))}`;
  const hidden = item.sensitive !== undefined && presentation.sensitive === 'spoiler';
  const picture = presentation.media && item.image ? link(item.image.url, clip(wording.pictureAlt({ alt: item.image.alt }), MAX_ALT)) : undefined;
  const body = [markedHtml(item.excerpt, item.marks), ...(picture ? [picture] : [])].join('\n');
  const lines = [`${index}. ${who}`, meta];
  if (item.sensitive) lines.push(`<b>${escapeHtml(clip(wording.contentWarning({ warning: item.sensitive.warning }), MAX_ALT))}</b>`);
  lines.push(hidden ? `<tg-spoiler>${body}</tg-spoiler>` : body);
  if (item.alsoOn?.length) lines.push(`${escapeHtml(wording.alsoOn())} ${item.alsoOn.map((c) => link(c.url, sourceLabel(c.source))).join(' · ')}`);
  if (item.similar) lines.push(`<i>${escapeHtml(wording.similarPosts({ count: item.similar }))}</i>`);
  if (item.link) lines.push(link(item.link, wording.readThread()));
  return { html: lines.join('\n'), ...(picture && !hidden ? { preview: item.image?.url } : {}) };
}

/** The block's HTML alone (for callers that show no previews). */
export function renderSummaryHtml(item: ThreadSummary, index: number, now: Date, presentation?: Presentation): string {
  return renderSummaryBlock(item, index, now, presentation).html;
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
