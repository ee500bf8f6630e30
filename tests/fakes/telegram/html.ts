/**
 * Telegram's HTML parse mode, as strict as the Bot API documents it: only the listed tags,
 * balanced; every `<`, `>` and `&` outside a tag escaped; only `&lt; &gt; &amp; &quot;` and
 * numeric entities. Returns the text a user would see (what the 4096-character limit counts),
 * or the exact `can't parse entities` description Telegram answers with.
 */

const ALLOWED = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'tg-spoiler', 'blockquote', 'span']);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** An entity as Telegram would report it: its type and the visible text it covers. */
export interface ParsedEntity {
  readonly type: string;
  readonly text: string;
  readonly url?: string;
}

export type HtmlCheck =
  { readonly ok: true; readonly text: string; readonly entities: readonly ParsedEntity[] } | { readonly ok: false; readonly description: string };

/** Entity types by tag (`<span class="tg-spoiler">` is a spoiler too). */
const ENTITY: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};
/** "bold, italic, underline, strikethrough, and spoiler entities can contain and can be part of any other entities, except pre and code." */
const FREE = new Set(['bold', 'italic', 'underline', 'strikethrough', 'spoiler']);

/**
 * Telegram's nesting rules (Bot API, "Formatting options"): blockquotes are not nested; pre and code
 * hold nothing but a code inside pre; the other entities (links) contain none of each other.
 */
function nestingError(outer: string, inner: string): string | undefined {
  if (outer === 'blockquote' && inner === 'blockquote') return "blockquote entities can't be nested";
  if (outer === 'pre') return inner === 'code' ? undefined : "pre entities can't contain other entities";
  if (outer === 'code') return "code entities can't contain other entities";
  if (inner === 'pre' || inner === 'code') return FREE.has(outer) ? `${outer} entities can't contain ${inner} entities` : undefined;
  if (FREE.has(outer) || FREE.has(inner)) return undefined;
  if (outer === 'blockquote' || inner === 'blockquote') return undefined;
  return `${outer} entities can't contain ${inner} entities`;
}

const bad = (reason: string): HtmlCheck => ({ ok: false, description: `Bad Request: can't parse entities: ${reason}` });
const byteOffset = (html: string, index: number): number => Buffer.byteLength(html.slice(0, index), 'utf8');

function decodeEntity(html: string, at: number): { text: string; length: number } | undefined {
  const match = /^&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/u.exec(html.slice(at, at + 12));
  if (!match?.[1]) return undefined;
  const body = match[1];
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    if (code > 0x10ffff) return undefined;
    return { text: String.fromCodePoint(code), length: match[0].length };
  }
  const named = NAMED[body];
  return named === undefined ? undefined : { text: named, length: match[0].length };
}

function checkAttributes(name: string, attrs: string, html: string, at: number): { error?: string; href?: string } {
  const parsed = new Map<string, string>();
  const re = /\s*([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gy;
  let rest = attrs;
  while (rest.trim() !== '') {
    re.lastIndex = 0;
    const m = re.exec(rest);
    if (!m?.[1] || m[0].length === 0) return { error: `Unexpected end of name token at byte offset ${byteOffset(html, at)}` };
    parsed.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
    rest = rest.slice(m[0].length);
  }
  for (const value of parsed.values()) {
    if (/[<>]/u.test(value) || /&(?!(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);)/u.test(value)) {
      return { error: `Unsupported attribute value at byte offset ${byteOffset(html, at)}` };
    }
  }
  if (name === 'span' && parsed.get('class') !== 'tg-spoiler') return { error: `Unsupported start tag "span" at byte offset ${byteOffset(html, at)}` };
  const href = parsed.get('href');
  return href === undefined
    ? {}
    : {
        href: href
          .replace(/&quot;/gu, '"')
          .replace(/&lt;/gu, '<')
          .replace(/&gt;/gu, '>')
          .replace(/&amp;/gu, '&'),
      };
}

export function checkTelegramHtml(html: string): HtmlCheck {
  const stack: { name: string; start: number; href?: string | undefined }[] = [];
  const entities: ParsedEntity[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) return bad(`Unclosed start tag at byte offset ${byteOffset(html, i)}`);
      const inner = html.slice(i + 1, end);
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (open === undefined) return bad(`Unexpected end tag at byte offset ${byteOffset(html, i)}`);
        if (open.name !== name) return bad(`Unmatched end tag at byte offset ${byteOffset(html, i)}, expected "</${open.name}>", found "</${name}>"`);
        const type = ENTITY[name] ?? name;
        entities.push({ type, text: text.slice(open.start), ...(open.href !== undefined ? { url: open.href } : {}) });
      } else {
        const m = /^([a-zA-Z][a-zA-Z0-9-]*)([\s\S]*)$/u.exec(inner);
        const name = m?.[1]?.toLowerCase();
        if (!m || name === undefined || !ALLOWED.has(name)) {
          return bad(`Unsupported start tag "${name ?? inner}" at byte offset ${byteOffset(html, i)}`);
        }
        const attrs = checkAttributes(name, m[2] ?? '', html, i);
        if (attrs.error) return bad(attrs.error);
        const type = ENTITY[name] ?? name;
        for (const outer of stack) {
          const nesting = nestingError(ENTITY[outer.name] ?? outer.name, type);
          if (nesting) return bad(`${nesting} at byte offset ${byteOffset(html, i)}`);
        }
        stack.push({ name, start: text.length, href: attrs.href });
      }
      i = end + 1;
    } else if (c === '&') {
      const entity = decodeEntity(html, i);
      if (!entity) return bad(`Character entity expected at byte offset ${byteOffset(html, i)}`);
      text += entity.text;
      i += entity.length;
    } else if (c === '>') {
      return bad(`Unexpected ">" at byte offset ${byteOffset(html, i)}`);
    } else {
      text += c;
      i += 1;
    }
  }
  const open = stack.pop();
  if (open !== undefined) return bad(`Can't find end tag corresponding to start tag "${open.name}"`);
  return { ok: true, text, entities };
}
