/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * `SafeHtml`. Text from the internet can therefore only reach a page through `escapeHtml`:
 * forgetting to escape is impossible, trusting by mistake needs an explicit `raw()`.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// C0 controls other than tab/newline/CR, DEL, C1 controls, lone surrogates (with the `u` flag a valid
// pair is one code point and does not match) and the two non-characters XML forbids: invisible at
// best, a broken feed at worst.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/gu;
// The same class without `u`: a quick test that also fires on valid pairs (emoji), which then take the exact path.
// eslint-disable-next-line no-control-regex -- as above
const MAYBE_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;
const NEEDS_ESCAPE = /[&<>"']/;

/** Removes characters that have no business in a page or a feed (control characters, lone surrogates). */
export function cleanText(text: string): string {
  return MAYBE_UNSAFE.test(text) ? text.replace(UNSAFE_CHARS, '') : text;
}

/** Escapes text for an element body or a double- or single-quoted attribute value; the same escape serves XML. */
export function escapeHtml(text: string): string {
  const clean = cleanText(text);
  return NEEDS_ESCAPE.test(clean) ? clean.replace(/[&<>"']/gu, (c) => ESCAPES[c] ?? c) : clean;
}

/** Marks trusted markup (our own constants) as safe. Never call it with text from a request or a post. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\`` → SafeHtml, with `text` escaped; arrays are joined, null/undefined/false omitted. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** A link target from the internet, kept only when it is http(s): a `javascript:` URL never becomes an href. */
export function safeExternalUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
