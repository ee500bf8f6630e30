import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * HTML (Mastodon content, feed descriptions) to the plain text the contract promises: paragraphs
 * become blank lines, `<br>` a line break, list items "- " (or "1. ") lines, links their visible
 * text (Mastodon hides a long URL's middle in `<span class="invisible">`; all of it is kept so the
 * URL stays whole), entities decoded, images, scripts and styles dropped, HTML whitespace collapsed
 * outside `<pre>`.
 *
 * Linear in the input, whatever it is (docs/adr/0005-hostile-input.md). htmlparser2's Tokenizer
 * reads the markup (a state machine, one pass); the rendering below keeps no element stack, only
 * counters and the open lists, so 3,000 unclosed `<ul><li>` cost what 3,000 words do. html-to-text
 * and htmlparser2's own Parser keep their open elements in an array they `unshift` and `indexOf`
 * per tag, which is quadratic in the nesting depth (13 s for 1 MB of `<ul><li>`).
 */

/** List indentation stops growing here: deeper nesting is hostile, and indenting it would make the output quadratic. */
const MAX_INDENT = 8;
const BLOCKS = new Set([
  'p',
  'div',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'figure',
  'figcaption',
  'table',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);
const LINES = new Set(['br', 'tr', 'dt', 'dd']);
const SKIPPED = new Set(['script', 'style', 'template', 'noscript']);

class TextRenderer implements TokenizerCallbacks {
  readonly out: string[] = [];
  private buffer = '';
  private tag = '';
  /** The `start` attribute of the `<ol>` being opened, the only attribute the text needs. */
  private attribute = '';
  private start: number | undefined;
  private skip = 0;
  private pre = 0;
  /** One entry per open list: 0 for `<ul>`, the last number given for `<ol>`. */
  private readonly lists: { ordered: boolean; n: number }[] = [];

  write(html: string): void {
    this.buffer = html;
    const tokenizer = new Tokenizer({ decodeEntities: true }, this);
    tokenizer.write(html);
    tokenizer.end();
  }

  private text(text: string): void {
    if (this.skip > 0 || text === '') return;
    if (this.pre > 0) return void this.out.push(text);
    const collapsed = text.replace(/[ \t\r\n\f]+/gu, ' ');
    // Two chunks that each end and start with a space ("a <b> b") make one space, as a browser shows it.
    const last = this.out.at(-1) ?? '\n';
    this.out.push(collapsed.startsWith(' ') && (last.endsWith(' ') || last.endsWith('\n')) ? collapsed.slice(1) : collapsed);
  }

  private open(name: string): void {
    if (SKIPPED.has(name)) this.skip++;
    else if (name === 'pre') {
      this.pre++;
      this.out.push('\n\n');
    } else if (BLOCKS.has(name)) this.out.push('\n\n');
    else if (LINES.has(name)) this.out.push('\n');
    else if (name === 'td' || name === 'th') this.out.push(' ');
    else if (name === 'ul' || name === 'ol') {
      this.lists.push({ ordered: name === 'ol', n: name === 'ol' && this.start !== undefined ? this.start - 1 : 0 });
      this.out.push('\n\n');
    } else if (name === 'li') {
      const list = this.lists.at(-1);
      const marker = list?.ordered ? `${++list.n}. ` : '- ';
      this.out.push(`\n${'  '.repeat(Math.min(MAX_INDENT, Math.max(0, this.lists.length - 1)))}${marker}`);
    }
  }

  private close(name: string): void {
    if (SKIPPED.has(name)) this.skip = Math.max(0, this.skip - 1);
    else if (name === 'pre') {
      this.pre = Math.max(0, this.pre - 1);
      this.out.push('\n\n');
    } else if (BLOCKS.has(name)) this.out.push('\n\n');
    else if (name === 'ul' || name === 'ol') {
      this.lists.pop();
      this.out.push('\n\n');
    }
  }

  onopentagname(start: number, end: number): void {
    this.tag = this.buffer.slice(start, end).toLowerCase();
    this.start = undefined;
  }
  onattribname(start: number, end: number): void {
    this.attribute = this.buffer.slice(start, end).toLowerCase();
  }
  onattribdata(start: number, end: number): void {
    if (this.tag !== 'ol' || this.attribute !== 'start') return;
    const value = Number.parseInt(this.buffer.slice(start, end), 10);
    if (Number.isSafeInteger(value) && Math.abs(value) < 1_000_000) this.start = value;
  }
  onopentagend(): void {
    this.open(this.tag);
  }
  onselfclosingtag(): void {
    this.open(this.tag);
    if (this.tag !== 'br') this.close(this.tag);
  }
  onclosetag(start: number, end: number): void {
    const name = this.buffer.slice(start, end).toLowerCase();
    // `</br>` is a line break in every browser.
    if (name === 'br') this.open('br');
    else this.close(name);
  }
  ontext(start: number, end: number): void {
    this.text(this.buffer.slice(start, end));
  }
  ontextentity(codepoint: number): void {
    if (this.skip === 0) this.out.push(String.fromCodePoint(codepoint));
  }
  oncdata(start: number, end: number): void {
    this.text(this.buffer.slice(start, end));
  }
  onattribentity(): void {}
  onattribend(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onend(): void {}
  onprocessinginstruction(): void {}
}

export function htmlToText(html: string): string {
  const renderer = new TextRenderer();
  renderer.write(html);
  return (
    renderer.out
      .join('')
      .replaceAll('\u00a0', ' ')
      .split('\n')
      // trimEnd is linear; a regex like /[ \t]+$/ on a line of many spaces is not (issue 12).
      .map((line) => (line.startsWith(' ') && line[1] !== ' ' ? line.slice(1) : line).trimEnd())
      .join('\n')
      .replace(/\n{3,}/gu, '\n\n')
      .trim()
  );
}
