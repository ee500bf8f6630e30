import type { TagCount } from '../../core/index.ts';
import type { PageContext, WebResponse } from '../context.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { formatCount, plural } from '../format.ts';
import { absoluteUrl, tagPath } from '../paths.ts';

/** "Most active" looks back this far; with nothing that recent the page falls back to all-time counts. */
export const ACTIVE_DAYS = 7;
const TAG_LIMIT = 40;

/** `/`: the hashtags with the most new or grown threads of the last days, each a link to its page. */
export function renderHome(ctx: PageContext): WebResponse {
  const since = new Date(ctx.now.getTime() - ACTIVE_DAYS * 86_400_000);
  const active = ctx.tags.activeTags(since, TAG_LIMIT);
  const recent = active.length > 0;
  const tags: readonly TagCount[] = recent ? active : ctx.tags.tagsByPrefix('', TAG_LIMIT);
  const heading = recent ? `Most active hashtags of the last ${ACTIVE_DAYS} days` : 'Hashtags with the most threads';
  const list =
    tags.length > 0
      ? html`<ul class="tags-cloud">${tags.map(
          (t) => html`<li><a class="chip" href="${tagPath(t.tag)}"><span class="hash">#</span>${t.tag}<small>${formatCount(t.threads)}</small></a></li>`,
        )}</ul>`
      : html`<p class="empty">No threads are stored yet. Import some with <code>spool import</code> or configure a source.</p>`;
  return {
    status: 200,
    type: 'html',
    maxAge: 60,
    body: renderPage({
      title: 'Spool · threads by hashtag, unrolled',
      description: 'Read whole social-media threads by hashtag, unrolled into one page.',
      canonical: absoluteUrl(ctx.origin, '/'),
      body: html`<section class="hero"><h1>Threads by hashtag, unrolled</h1><p>Whole threads from X, Mastodon and Bluesky, one page each, in every language. Pick a hashtag or type one above.</p></section><h2>${heading}</h2>${list}${
        recent ? html`<p class="sub">${plural(tags.length, 'hashtag')} with new threads since ${since.toISOString().slice(0, 10)}.</p>` : ''
      }`,
    }),
  };
}
