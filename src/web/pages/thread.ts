import { bylineOf, bylineText, seenLabel, type StoredThread } from '../../core/index.ts';
import type { PageContext, WebResponse } from '../context.ts';
import { html, safeExternalUrl } from '../html.ts';
import { renderPage } from '../layout.ts';
import { formatDateTime, languageName, plural, readingMinutes, sourceName } from '../format.ts';
import { absoluteUrl, tagPath, threadPath } from '../paths.ts';
import { postTextHtml } from '../post-text.ts';
import { authorBlock, mediaMarker } from './card.ts';
import { errorPage } from './errors.ts';
import { behindWarning, figureHtml } from './media.ts';
import { english } from '../../i18n/index.ts';

/**
 * `/thread/<id>`: the whole unrolled thread, numbered, with the author, a link to the original, the
 * thread's hashtags, media markers, and "N of M posts stored" when the source showed only part of it.
 */
export async function renderThreadPage(ctx: PageContext, id: string): Promise<WebResponse> {
  const thread = await ctx.threads.getThread(id);
  if (!thread) {
    const shown = [...id].length > 80 ? `${[...id].slice(0, 79).join('')}…` : id;
    return errorPage(404, `No thread “${shown}” is stored here; it may have been mistyped or not fetched yet.`);
  }
  const original = safeExternalUrl(thread.url);
  const source = sourceName(thread.source);
  const partial = thread.storedCount < thread.postCount;
  const first = thread.posts[0]?.text ?? '';
  const byline = bylineOf(thread, english);
  const who = byline.kind === 'origin' ? byline.text : byline.name || `@${byline.handle}`;
  const title = `${who}: ${[...first].slice(0, 70).join('').trim()}${[...first].length > 70 ? '…' : ''}`;
  const backTag = thread.hashtags[0];

  const head = html`<header class="thread-head"><h1 class="sr-only">${byline.kind === 'origin' ? `Thread ${byline.text.charAt(0).toLowerCase()}${byline.text.slice(1)}` : `Thread by ${who}`}</h1>${authorBlock(thread, ctx.now, true)}<div class="meta"><span>${plural(thread.postCount, 'post')}</span><span>${readingMinutes(thread.posts.map((p) => p.text))} min read</span><span>${thread.undated ? seenLabel(thread.firstSeenAt, ctx.now, english) : formatDateTime(thread.createdAt)}</span>${
    thread.lang !== 'und' ? html`<span>${languageName(thread.lang)}</span>` : ''
  }${original ? html`<a href="${original}" rel="nofollow noopener noreferrer">Original on ${source} ↗</a>` : ''}</div>${
    thread.hashtags.length > 0 ? html`<div class="row">${thread.hashtags.map((t) => html`<a class="chip" href="${tagPath(t)}">#${t}</a>`)}</div>` : ''
  }</header>`;
  const notice = partial
    ? html`<p class="notice"><strong>${thread.storedCount} of ${thread.postCount} posts stored.</strong> ${source} showed only the start of this thread${
        original ? html`; <a href="${original}" rel="nofollow noopener noreferrer">read the rest on ${source}</a>` : ''
      }.</p>`
    : '';
  const posts = html`<ol class="posts"${thread.lang !== 'und' ? html` lang="${thread.lang}"` : ''}>${thread.posts.map((post, i) => {
    const link = safeExternalUrl(post.url);
    // Posts of an undated thread have no time of their own to show.
    const time = thread.undated ? '' : html`<time datetime="${post.createdAt}">${formatDateTime(post.createdAt)}</time>`;
    return html`<li class="post" id="p${i + 1}"><a class="num" href="#p${i + 1}" aria-label="Post ${i + 1} of ${thread.postCount}">${i + 1}</a><div class="body">${postTextHtml(post.text)}${(post.attachments ?? []).map(figureHtml)}<div class="meta">${time}${mediaMarker(post.media)}${
      link ? html`<a href="${link}" rel="nofollow noopener noreferrer">original ↗</a>` : ''
    }</div></div></li>`;
  })}</ol>`;
  const end = partial
    ? html`<p class="end">${plural(thread.postCount - thread.storedCount, 'more post')} on ${source}${original ? html` · <a href="${original}" rel="nofollow noopener noreferrer">continue reading ↗</a>` : ''}</p>`
    : html`<p class="end">End of thread · ${plural(thread.postCount, 'post')}</p>`;

  return {
    status: 200,
    type: 'html',
    maxAge: 60,
    body: renderPage({
      title: `${title} · Spool`,
      previewTitle: `🧵 ${title} (${thread.postCount} posts)`,
      description: describe(thread),
      canonical: absoluteUrl(ctx.origin, threadPath(thread.id)),
      body: html`<p class="crumb">${backTag ? html`<a href="${tagPath(backTag)}">← Threads about #${backTag}</a>` : html`<a href="/">← Most active hashtags</a>`}</p>${head}${notice}${behindWarning(thread.sensitive, posts)}${end}`,
    }),
  };
}

function describe(thread: StoredThread): string {
  const first = thread.posts[0]?.text ?? '';
  return `A thread of ${thread.postCount} posts ${thread.author.handle ? `by @${thread.author.handle}` : bylineText(thread, english).replace(/^From/u, 'from')}: ${[...first].slice(0, 150).join('')}`;
}
