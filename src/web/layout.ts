import { createHash } from 'node:crypto';
import { html, raw, type SafeHtml } from './html.ts';
import { STYLESHEET } from './styles.ts';

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLESHEET).digest('base64')}'`;

/**
 * The Content-Security-Policy of every page: nothing may load or run except the inline stylesheet
 * (allowed by its hash), `data:` images (the favicon) and pictures over `https:` (the posts' own,
 * from the networks that serve them: see pages/media.ts). Forms post back here only; no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  'img-src data: https:',
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

// A spool of thread: the brand mark, inline so that no asset is fetched.
const LOGO = raw(
  '<svg viewBox="0 0 32 32" aria-hidden="true"><rect x="5" y="3" width="22" height="5" rx="2" fill="#4338ca"/><rect x="5" y="24" width="22" height="5" rx="2" fill="#4338ca"/><rect x="8" y="8" width="16" height="16" fill="#a5b4fc"/><path d="M8 11h16M8 14.5h16M8 18h16M8 21.5h16" stroke="#6366f1" stroke-width="1.6"/><path d="M24 16c4 0 4 6 0 9" fill="none" stroke="#6366f1" stroke-width="1.6" stroke-linecap="round"/></svg>',
);
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect x='5' y='3' width='22' height='5' rx='2' fill='%234338ca'/%3E%3Crect x='5' y='24' width='22' height='5' rx='2' fill='%234338ca'/%3E%3Crect x='8' y='8' width='16' height='16' fill='%23a5b4fc'/%3E%3C/svg%3E";

export interface PageShell {
  readonly title: string;
  /** The title a link preview shows (chat apps unfurl the digests' links), without the site name. */
  readonly previewTitle?: string | undefined;
  readonly description?: string | undefined;
  /** Absolute canonical URL, when the public URL is known. */
  readonly canonical?: string | undefined;
  /** An RSS feed to advertise (`<link rel="alternate">`). */
  readonly feed?: { readonly href: string; readonly title: string } | undefined;
  /** The value to pre-fill in the header's hashtag box. */
  readonly query?: string | undefined;
  readonly body: SafeHtml;
}

/** The document around every page: head, the site bar with the hashtag box, the footer. */
export function renderPage(page: PageShell): string {
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${page.title}</title>${
    page.description ? html`<meta name="description" content="${page.description}">` : ''
  }${page.canonical ? html`<link rel="canonical" href="${page.canonical}">` : ''}${
    page.previewTitle
      ? html`<meta property="og:site_name" content="Spool"><meta property="og:type" content="article"><meta property="og:title" content="${page.previewTitle}">${
          page.description ? html`<meta property="og:description" content="${page.description}">` : ''
        }${page.canonical ? html`<meta property="og:url" content="${page.canonical}">` : ''}<meta name="twitter:card" content="summary">`
      : ''
  }${
    page.feed ? html`<link rel="alternate" type="application/rss+xml" title="${page.feed.title}" href="${page.feed.href}">` : ''
  }<meta name="color-scheme" content="light dark"><meta name="referrer" content="no-referrer"><link rel="icon" href="${FAVICON}"><style>${raw(STYLESHEET)}</style></head><body><header class="site"><div class="wrap"><a class="brand" href="/">${LOGO}<span>Spool</span></a><form class="go" action="/tag" method="get" role="search"><input name="q" type="search" placeholder="#hashtag" aria-label="Go to a hashtag" value="${page.query ?? ''}" autocapitalize="none" spellcheck="false"><button type="submit">Go</button></form></div></header><main class="wrap">${page.body}</main><footer class="site-foot"><div class="wrap"><p>Spool unrolls public threads by hashtag. Posts belong to their authors; every thread links to its original.</p></div></footer></body></html>`}`;
}
