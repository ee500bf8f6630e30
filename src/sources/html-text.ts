import { Parser } from 'htmlparser2';

/**
 * HTML (Mastodon content, feed descriptions) to the plain text the contract promises: paragraphs
 * become blank lines, `<br>` a line break, list items "- " lines, links their visible text (Mastodon
 * hides a long URL's middle in `<span class="invisible">`; all of it is kept so the URL stays whole),
 * entities decoded, scripts and styles dropped, HTML whitespace collapsed outside `<pre>`.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let skip = 0;
  let pre = 0;
  const listDepth: string[] = [];
  const ordinals: number[] = [];
  const block = (): void => void out.push('\n\n');
  const line = (): void => void out.push('\n');
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'script' || name === 'style') skip++;
        else if (name === 'pre') {
          pre++;
          block();
        }
        else if (name === 'p' || name === 'div' || name === 'blockquote' || /^h[1-6]$/u.test(name)) block();
        else if (name === 'br') line();
        else if (name === 'ul' || name === 'ol') {
          listDepth.push(name);
          ordinals.push(0);
          block();
        }
        else if (name === 'li') {
          const depth = listDepth.length;
          const kind = listDepth[depth - 1];
          let marker = '- ';
          if (kind === 'ol') {
            const n = (ordinals[depth - 1] ?? 0) + 1;
            ordinals[depth - 1] = n;
            marker = `${n}. `;
          }
          out.push(`\n${'  '.repeat(Math.max(0, depth - 1))}${marker}`);
        }
      },
      ontext(text) {
        if (skip > 0) return;
        out.push(pre > 0 ? text : text.replace(/[ \t\r\n\f]+/gu, ' '));
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skip--;
        else if (name === 'pre') {
          pre--;
          block();
        }
        else if (name === 'p' || name === 'div' || name === 'blockquote' || /^h[1-6]$/u.test(name)) block();
        else if (name === 'ul' || name === 'ol') {
          listDepth.pop();
          ordinals.pop();
          block();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join('')
    .replace(/\u00a0/gu, ' ')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/u, '').replace(/^ (?=\S)/u, ''))
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}
