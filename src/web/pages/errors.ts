import { html, type SafeHtml } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { WebResponse } from '../context.ts';

/**
 * A page for something the reader cannot show: one sentence saying what was wrong, and, when there
 * is something better to offer (closest hashtags, the front page), that below it.
 */
export function errorPage(status: number, sentence: string, extra?: SafeHtml): WebResponse {
  const title = status === 404 ? 'Not found' : status === 400 ? 'Bad request' : status === 405 ? 'Method not allowed' : 'Error';
  return {
    status,
    type: 'html',
    body: renderPage({
      title: `${title} · Spool`,
      body: html`<div class="hero"><h1>${title}</h1><p class="sub">${sentence}</p></div>${extra ?? ''}<p><a class="button" href="/">← Most active hashtags</a></p>`,
    }),
  };
}
