import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/sources/html-text.ts';

describe('HTML to plain text', () => {
  it('an ordered list, a nested list and a blockquote → numbered and indented lines, the quote its own paragraph', () => {
    expect(htmlToText('<p>Steps:</p><ol><li>one</li><li>two<ul><li>sub</li></ul></li></ol><blockquote><p>quoted</p></blockquote>')).toBe(
      'Steps:\n\n1. one\n2. two\n\n  - sub\n\nquoted',
    );
  });

  it('scripts and styles → dropped; numeric and named entities → decoded; non-breaking spaces → spaces', () => {
    expect(htmlToText('<p>a&nbsp;b &#x1F600; &eacute;<script>alert(1)</script><style>p{}</style></p>')).toBe('a b 😀 é');
  });

  it('whitespace in HTML source → collapsed, except inside <pre>', () => {
    expect(htmlToText('<p>one\n   two</p><pre>keep\n  this</pre>')).toBe('one two\n\nkeep\n  this');
  });
});

describe('HTML to plain text, less common markup', () => {
  it('headings, tables, </br> and images → blocks, a cell per space, a line break, nothing', () => {
    expect(htmlToText('<h2>Title</h2><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>x</br>y<img src="z" alt="pic">')).toBe(
      'Title\n\na b\nc\n\nx\ny',
    );
  });

  it('an unclosed <script> → everything after it dropped; an ordered list with start="5" → numbered from 5', () => {
    expect(htmlToText('<p>kept</p><script>var a = "<p>not text</p>"')).toBe('kept');
    expect(htmlToText('<ol start="5"><li>a</li><li>b</li></ol>')).toBe('5. a\n6. b');
  });
});
