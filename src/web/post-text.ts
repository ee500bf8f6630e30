import { parseHashtagArgument } from '../core/index.ts';
import { html, safeExternalUrl, type SafeHtml } from './html.ts';
import { tagPath } from './paths.ts';

// A URL, or a `#hashtag` that starts a word. Trailing punctuation is not part of a URL.
const TOKENS = /(https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}»”’])|(^|[^\p{L}\p{M}\p{N}_&/#])([#＃][\p{L}\p{M}\p{Nd}_]+)/gu;

const ALL_DIGITS = /^\d+$/u;

/**
 * A post's plain text as HTML: every character escaped, URLs turned into links that leave the site
 * (`rel="nofollow noopener noreferrer ugc"`), hashtags into links to their reader page, blank lines
 * into paragraphs and single newlines into line breaks.
 */
export function postTextHtml(text: string): SafeHtml {
  return html`${paragraphs(text).map((lines) => html`<p>${lines.map((line, i) => html`${i > 0 ? html`<br>` : ''}${linkify(line)}`)}</p>`)}`;
}

/**
 * Lines grouped into paragraphs at blank lines. Splitting by a string, not a regex: V8 builds a new
 * RegExp for every `split(/re/)`, which cost more than the rest of a card (see bench/web-latency.ts).
 */
function paragraphs(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (clean.trim() === '') {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push(clean);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function linkify(line: string): SafeHtml[] {
  if (!line.includes('#') && !line.includes('＃') && !line.includes('http')) return [html`${line}`];
  const parts: SafeHtml[] = [];
  let at = 0;
  // exec in a loop rather than matchAll, which clones the RegExp on every call.
  TOKENS.lastIndex = 0;
  for (let match = TOKENS.exec(line); match; match = TOKENS.exec(line)) {
    const index = match.index;
    const [whole, url, before = '', hashtag] = match;
    if (url) {
      const href = safeExternalUrl(url);
      parts.push(html`${line.slice(at, index)}`);
      parts.push(href ? html`<a href="${href}" rel="nofollow noopener noreferrer ugc">${shortUrl(url)}</a>` : html`${url}`);
      at = index + whole.length;
    } else if (hashtag) {
      const parsed = parseHashtagArgument(hashtag);
      if (!parsed.ok || ALL_DIGITS.test(parsed.value)) continue;
      parts.push(html`${line.slice(at, index)}${before}`);
      parts.push(html`<a class="ht" href="${tagPath(parsed.value)}">${hashtag}</a>`);
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
