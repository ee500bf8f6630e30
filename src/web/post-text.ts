import { normalizeHashtag, parseHashtagArgument } from '../core/index.ts';
import { html, safeExternalUrl, type SafeHtml } from './html.ts';
import { tagPath } from './paths.ts';

// A URL, or a `#hashtag` that starts a word. Trailing punctuation is not part of a URL.
const TOKENS = /(https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}»”’])|(^|[^\p{L}\p{M}\p{N}_&/#])([#＃][\p{L}\p{M}\p{Nd}_]+)/gu;

/**
 * A post's plain text as HTML: every character escaped, URLs turned into links that leave the site
 * (`rel="nofollow noopener noreferrer ugc"`), hashtags into links to their reader page, blank lines
 * into paragraphs and single newlines into line breaks.
 */
export function postTextHtml(text: string): SafeHtml {
  const paragraphs = text.replace(/\r\n?/gu, '\n').trim().split(/\n{2,}/u);
  return html`${paragraphs.map((p) => html`<p>${p.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${linkify(line)}`)}</p>`)}`;
}

function linkify(line: string): SafeHtml[] {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const match of line.matchAll(TOKENS)) {
    const index = match.index ?? 0;
    const [whole, url, before = '', hashtag] = match;
    if (url) {
      const href = safeExternalUrl(url);
      parts.push(html`${line.slice(at, index)}`);
      parts.push(href ? html`<a href="${href}" rel="nofollow noopener noreferrer ugc">${shortUrl(url)}</a>` : html`${url}`);
      at = index + whole.length;
    } else if (hashtag) {
      const parsed = parseHashtagArgument(hashtag);
      if (!parsed.ok || /^\d+$/u.test(parsed.value)) continue;
      parts.push(html`${line.slice(at, index)}${before}`);
      parts.push(html`<a class="ht" href="${tagPath(normalizeHashtag(parsed.value))}">${hashtag}</a>`);
      at = index + whole.length;
    }
  }
  parts.push(html`${line.slice(at)}`);
  return parts;
}

/** `https://www.example.com/a/very/long/path?x=1` → `example.com/a/very/long/pa…`: readable, still recognisable. */
function shortUrl(url: string): string {
  const bare = url.replace(/^https?:\/\/(?:www\.)?/u, '');
  const chars = [...bare];
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : bare;
}
