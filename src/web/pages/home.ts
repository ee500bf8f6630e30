import type { TagCount } from '../../core/index.ts';
import type { PageContext, WebResponse } from '../context.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { formatCount, plural } from '../format.ts';
import { absoluteUrl, tagPath } from '../paths.ts';
import { threadCard } from './card.ts';

/** "Most active" looks back this far; with nothing that recent the page falls back to all-time counts. */
export const ACTIVE_DAYS = 7;
const TAG_LIMIT = 40;
/** The front page also shows the best few threads of the most active tag, so it reads at a glance. */
const FEATURED_THREADS = 3;

/** `/`: the hashtags with the most new or grown threads of the last days, each a link to its page. */
export async function renderHome(ctx: PageContext): Promise<WebResponse> {
  const since = new Date(ctx.now.getTime() - ACTIVE_DAYS * 86_400_000);
  const active = await ctx.tags.activeTags(since, TAG_LIMIT);
  const recent = active.length > 0;
  const tags: readonly TagCount[] = recent ? active : await ctx.tags.tagsByPrefix('', TAG_LIMIT);
  const heading = recent ? `Most active hashtags of the last ${ACTIVE_DAYS} days` : 'Hashtags with the most threads';
  const most = Math.max(1, ...tags.map((t) => t.threads));
  const list =
    tags.length > 0
      ? html`<ul class="tags-cloud">${tags.map(
          (t) =>
            html`<li><a class="chip ${weight(t.threads / most)}" href="${tagPath(t.tag)}"><span class="hash">#</span>${t.tag}<small>${formatCount(t.threads)}</small></a></li>`,
        )}</ul>`
      : html`<p class="empty">No threads are stored yet. Import some with <code>spool import</code> or configure a source.</p>`;
  const top = tags[0];
  const featured = top ? (await ctx.threads.threadsByTag({ tag: top.tag, sort: 'best', limit: FEATURED_THREADS })).threads : [];
  const featuredBlock =
    top && featured.length > 0
      ? html`<h2>Best threads about <span class="hash">#${top.tag}</span></h2><ol class="cards">${featured.map((t) => threadCard(t, ctx.now, top.tag))}</ol><p class="more-link"><a href="${tagPath(top.tag, { sort: 'best' })}">All threads about #${top.tag} →</a></p>`
      : '';
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
      }${featuredBlock}`,
    }),
  };
}

/** The cloud's type size: four steps by share of the busiest tag. */
function weight(share: number): string {
  return share >= 0.5 ? 'w4' : share >= 0.2 ? 'w3' : share >= 0.05 ? 'w2' : 'w1';
}
