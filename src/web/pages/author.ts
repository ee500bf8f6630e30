import { authorRefOf, describeFailure, isSort, parseAuthorArgument, wordingOf, type Sort } from '../../core/index.ts';
import { english } from '../../i18n/index.ts';

/** The reader's pages are shared links, in English (docs/adr/0010). */
const wording = wordingOf(english);
import type { PageContext, WebResponse } from '../context.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { plural, sourceName } from '../format.ts';
import { absoluteUrl, authorPagePath } from '../paths.ts';
import { threadCard } from './card.ts';
import { errorPage } from './errors.ts';

export const AUTHOR_PAGE_SIZE = 20;
const CANDIDATES = 10;

/**
 * `/author/<handle>?sort=recent|best&after=<cursor>`: one author's threads, as cards, newest (or best)
 * first, with paging. The handle may name the network (`x.com/alice`, `alice@mastodon.social`,
 * `alice.bsky.social`); when several authors share a bare handle the page lists them to choose from.
 */
export async function renderAuthorPage(ctx: PageContext, input: string, query: URLSearchParams): Promise<WebResponse> {
  const parsed = parseAuthorArgument(input);
  if (!parsed.ok) return errorPage(400, describeFailure(parsed.failure, english));
  const authors = ctx.authors;
  const found = authors ? await authors.findAuthors(parsed.value, CANDIDATES) : [];
  const shown = `@${input.replace(/^@/u, '')}`;
  const [author] = found;
  if (!authors || !author) return errorPage(404, describeFailure({ code: 'author.unknown', input: shown }, english));
  if (found.length > 1) {
    const choices = html`<ul class="tags-cloud">${found.map(
      (a) =>
        html`<li><a class="chip" href="${authorPagePath(a)}">@${authorRefOf(a)} <small>${sourceName(a.source)} · ${plural(a.threads, 'thread')}</small></a></li>`,
    )}</ul>`;
    const sentence = describeFailure({ code: 'author.ambiguous', input: shown, refs: found.map(authorRefOf) }, english);
    return {
      status: 200,
      type: 'html',
      body: renderPage({ title: `${shown} · Spool`, body: html`<h1>${shown}</h1><p class="sub">${sentence}</p>${choices}` }),
    };
  }
  const sortInput = query.get('sort') ?? 'recent';
  if (!isSort(sortInput)) return errorPage(400, describeFailure({ code: 'sort.invalid', input: sortInput }, english));
  const sort: Sort = sortInput;
  const after = query.get('after') || undefined;
  const page = await authors.threadsByAuthor({ authorKey: author.key, sort, limit: AUTHOR_PAGE_SIZE, cursor: after });
  const ref = authorRefOf(author);
  const heading = wording.authorHeader({ name: author.name, ref, sort, total: page.total });
  const tabs = html`<nav class="tabs" aria-label="Order">${(['recent', 'best'] as const).map(
    (s) => html`<a href="${authorPagePath(author, { sort: s })}"${s === sort ? html` aria-current="page"` : ''}>${s === 'recent' ? 'Most recent' : 'Best'}</a>`,
  )}</nav>`;
  const cards =
    page.threads.length > 0
      ? html`<ol class="cards">${page.threads.map((t) => threadCard(t, ctx.now))}</ol>`
      : html`<p class="empty">${wording.authorNoMore({ ref })}</p>`;
  const pager =
    after || page.nextCursor
      ? html`<nav class="pager" aria-label="Pages">${after ? html`<a class="button" href="${authorPagePath(author, { sort })}">← First page</a>` : html`<span></span>`}${
          page.nextCursor ? html`<a class="button" href="${authorPagePath(author, { sort, after: page.nextCursor })}" rel="next">More threads →</a>` : ''
        }</nav>`
      : '';
  const who = author.name ? `${author.name} (@${ref})` : `@${ref}`;
  return {
    status: 200,
    type: 'html',
    maxAge: 60,
    body: renderPage({
      title: `Threads by ${who} · Spool`,
      previewTitle: `Threads by ${who}`,
      description: `${plural(page.total, 'thread')} by ${who} on ${sourceName(author.source)}, unrolled and readable in one page.`,
      canonical: absoluteUrl(ctx.origin, authorPagePath(author, { sort })),
      body: html`<h1>${heading}</h1><p class="sub">${plural(page.total, 'thread')} · ${sourceName(author.source)}</p>${tabs}${cards}${pager}`,
    }),
  };
}
