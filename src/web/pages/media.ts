import { pictureOf, type MediaRef, type Sensitivity } from '../../core/index.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * Pictures as the reader shows them: loaded by the reader's browser straight from the network that
 * serves them (Spool proxies nothing), so only `https:` pictures are shown — the page's CSP allows
 * `img-src https:` and nothing else beyond its own favicon — without a referrer, lazily, with their
 * alt text as `alt` and as a caption. A picture on plain http is a link instead.
 */
export function figureHtml(media: MediaRef): SafeHtml {
  const picture = pictureOf(media);
  const alt = media.alt ?? '';
  const caption = alt !== '' ? alt : 'Picture (no description given)';
  if (!picture || !picture.url.startsWith('https://')) {
    return media.url.startsWith('https://') || media.url.startsWith('http://')
      ? html`<p class="attachment"><a href="${media.url}" rel="nofollow noopener noreferrer">🖼 ${caption}</a></p>`
      : html``;
  }
  const size = media.width && media.height ? html` width="${String(media.width)}" height="${String(media.height)}"` : html``;
  return html`<figure class="picture"><img src="${picture.url}" alt="${alt}" loading="lazy" decoding="async" referrerpolicy="no-referrer"${size}><figcaption>${
    media.type === 'image' ? '' : '▶ '
  }${caption}</figcaption></figure>`;
}

/**
 * A sensitive thread's content folded behind its warning (a `<details>` needs no script): the reader
 * opens it on purpose. Age-restricted threads say so in the summary.
 */
export function behindWarning(sensitive: Sensitivity | undefined, content: SafeHtml | string): SafeHtml | string {
  if (!sensitive) return content;
  const label = sensitive.warning ? `⚠️ Content warning: ${sensitive.warning}` : '⚠️ Sensitive content';
  return html`<details class="cw"><summary>${label}${sensitive.ageRestricted ? ' · adults only' : ''} — show</summary>${content}</details>`;
}
