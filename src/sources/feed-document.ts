import { parseFeed, type AnyFeed } from 'feedsmith';

/**
 * Decoded feed text to feedsmith's typed document (RSS 2.0/0.9x, RSS 1.0/RDF, Atom 1.0/0.3, JSON
 * Feed), after two repairs for shapes seen in real feeds that feedsmith refuses (docs/adr/0006):
 * an RSS 2.0 root under a namespace prefix (`<r:rss xmlns:r="http://backend.userland.com/rss2">`),
 * and an `<rss>` whose items sit directly under it without `<channel>`. Both are rewritten at the
 * tag level only; text is left alone.
 */
export type FeedDocument = AnyFeed<string>;

export function readFeedDocument(text: string): { document: FeedDocument } | { error: string } {
  const json = /^\s*\{/u.test(text);
  let input: unknown = text;
  if (json) {
    try {
      input = JSON.parse(text);
    } catch (error) {
      return { error: `not valid JSON (${(error as Error).message})` };
    }
  } else {
    input = repairRss(text);
  }
  try {
    return { document: parseFeed(input) };
  } catch {
    return { error: json ? 'neither RSS, Atom nor JSON Feed (a JSON document without JSON Feed "version" and "items")' : 'neither RSS, Atom nor JSON Feed' };
  }
}

/** Where the root element starts: after the declaration, comments, processing instructions and a doctype. */
function rootStart(xml: string): number {
  /** Past `close` after `from`, or -1 when the construct never ends. */
  const past = (close: string, from: number): number => {
    const end = xml.indexOf(close, from);
    return end === -1 ? -1 : end + close.length;
  };
  let at = 0;
  while (at !== -1) {
    while (at < xml.length && /\s/u.test(xml[at] ?? '')) at++;
    if (xml.startsWith('<?', at)) at = past('?>', at);
    else if (xml.startsWith('<!--', at)) at = past('-->', at);
    else if (xml.startsWith('<!', at)) {
      // A doctype, possibly with an internal subset in brackets.
      const bracket = xml.indexOf('[', at);
      const close = xml.indexOf('>', at);
      at = bracket !== -1 && bracket < close ? past(']>', bracket) : past('>', at);
    } else return at;
  }
  return -1;
}

const START_TAG = /^<(?:([A-Za-z_][\w.-]*):)?rss(?=[\s>/])(?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*>/u;

function repairRss(xml: string): string {
  const at = rootStart(xml);
  if (at < 0) return xml;
  const root = START_TAG.exec(xml.slice(at));
  if (!root) return xml;
  let out = xml;
  let startTag = root[0];
  const prefix = root[1];
  if (prefix) {
    // RSS 2.0 has no namespace: a prefix on it is decoration that hides every element from the parser.
    const tag = new RegExp(`<(/?)${prefix.replace(/[.-]/gu, '\\$&')}:`, 'gu');
    out = out.slice(0, at) + out.slice(at).replace(tag, '<$1');
    startTag = startTag.replace(tag, '<$1');
  }
  if (!/<channel[\s>]/u.test(out.slice(at))) {
    const end = out.lastIndexOf('</rss>');
    if (end > at) out = `${out.slice(0, at + startTag.length)}<channel>${out.slice(at + startTag.length, end)}</channel>${out.slice(end)}`;
  }
  return out;
}
