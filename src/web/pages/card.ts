import { ageLabel, bylineOf, excerpt, seenLabel, type StoredThread } from '../../core/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { avatarClass, formatDateTime, initials, plural, sourceName } from '../format.ts';
import { authorPagePath, tagPath, threadPath } from '../paths.ts';
import { postTextHtml } from '../post-text.ts';
import { behindWarning, figureHtml } from './media.ts';
import { english } from '../../i18n/index.ts';

/** How many posts a card previews, and how long each may be: the first one gets more room. */
const PREVIEW_POSTS = 3;
const FIRST_POST_CHARS = 420;
const LATER_POST_CHARS = 220;
const CARD_TAGS = 5;

/**
 * The author's avatar, name, handle and the thread's meta line (age, source, language). A thread
 * whose source names no author says where it came from, without an avatar; one whose source gives
 * no time says when Spool first saw it.
 */
export function authorBlock(thread: StoredThread, now: Date, big = false): SafeHtml {
  const byline = bylineOf(thread, english);
  const who =
    byline.kind === 'origin'
      ? html`<span class="name origin">${byline.text}</span>`
      : html`<span class="avatar ${big ? 'big ' : ''}${avatarClass(byline.handle)}" aria-hidden="true">${initials(byline.name, byline.handle)}</span>`;
  // The name links to the author's page: their other threads.
  const names =
    byline.kind === 'author'
      ? html`<a class="name" href="${authorPagePath({ source: thread.source, handle: byline.handle })}">${byline.name || byline.handle}</a> <span class="handle">@${byline.handle}</span>`
      : '';
  return html`<div class="who">${byline.kind === 'author' ? who : ''}<div class="names">${byline.kind === 'origin' ? who : names}<div class="meta">${when(thread, now)}<span>${sourceName(thread.source)}</span>${languageBadge(thread.lang)}</div></div></div>`;
}

/** "4 min ago" with the exact time on hover; for a thread the source gave no time, the day Spool saw it. */
function when(thread: StoredThread, now: Date): SafeHtml {
  if (thread.undated)
    return html`<time datetime="${thread.firstSeenAt}" title="First seen by Spool ${formatDateTime(thread.firstSeenAt)}; the source gives no date">${seenLabel(thread.firstSeenAt, now, english)}</time>`;
  return html`<time datetime="${thread.createdAt}" title="${formatDateTime(thread.createdAt)}">${ageLabel(thread.createdAt, now, english)}</time>`;
}

export function languageBadge(lang: string): SafeHtml {
  return lang === 'und' ? html`` : html`<span><abbr class="badge" title="Language: ${lang}">${lang}</abbr></span>`;
}

export function mediaMarker(count: number): SafeHtml {
  return count > 0 ? html`<span class="media" title="${plural(count, 'image or video', 'images or videos')}">🖼 ${plural(count, 'attachment')}</span>` : html``;
}

/** A thread on a tag page: who, the first posts, its hashtags and "Read N posts". */
export function threadCard(thread: StoredThread, now: Date, currentTag?: string): SafeHtml {
  const shown = thread.posts.slice(0, PREVIEW_POSTS);
  const media = thread.posts.reduce((sum, p) => sum + p.media, 0);
  const hidden = thread.postCount - shown.length;
  const tags = thread.hashtags.filter((t) => t !== currentTag).slice(0, CARD_TAGS);
  const preview = html`${shown.map((post, i) => postTextHtml(shorten(post.text, i === 0 ? FIRST_POST_CHARS : LATER_POST_CHARS)))}${thread.image ? figureHtml(thread.image) : ''}`;
  return html`<li class="card">${authorBlock(thread, now)}<div class="preview"${thread.lang !== 'und' ? html` lang="${thread.lang}"` : ''}>${behindWarning(thread.sensitive, preview)}${
    hidden > 0 ? html`<p class="more">+ ${plural(hidden, 'more post')}</p>` : ''
  }</div><div class="card-foot"><div class="row">${tags.map(
    (t) => html`<a class="chip" href="${tagPath(t)}">#${t}</a>`,
  )}${mediaMarker(media)}</div><a class="read" href="${threadPath(thread.id)}">Read ${plural(thread.postCount, 'post')} →</a></div></li>`;
}

/** `excerpt` counts code points; a text with no more UTF-16 units than that is short enough as it is. */
function shorten(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : excerpt(text, maxChars);
}
