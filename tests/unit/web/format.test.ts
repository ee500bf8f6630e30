import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, initials, languageName, readingMinutes } from '../../../src/web/format.ts';
import { parseRoute } from '../../../src/web/request.ts';
import { postTextHtml } from '../../../src/web/post-text.ts';

describe('presentation helpers', () => {
  it('a name with symbols → the first letters of its first two words', () => {
    expect(initials('Steppe Notes', 'steppe_notes')).toBe('SN');
    expect(initials('Mallory <script>alert(1)</script>', 'mallory')).toBe('MS');
    expect(initials('', 'field_reporter')).toBe('FR');
    expect(initials('可可 托海', 'x')).toBe('可托');
    expect(initials('🙂', '_')).toBe('?');
  });

  it('dates and counts → UTC and thousands separators', () => {
    expect(formatDateTime('2026-11-20T07:02:00Z')).toBe('20 Nov 2026, 07:02 UTC');
    expect(formatDateTime('not a date')).toBe('');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(30057)).toBe('30,057');
  });

  it('a language code → its own name; und and unknown codes say so', () => {
    expect(languageName('fr')).toBe('Français');
    expect(languageName('zh')).toBe('中文');
    expect(languageName('und')).toBe('Unknown language');
    expect(languageName('qq')).toBe('QQ');
  });

  it('reading time → at least a minute, CJK counted by characters', () => {
    expect(readingMinutes(['short'])).toBe(1);
    expect(readingMinutes([Array.from({ length: 1150 }, () => 'word').join(' ')])).toBe(5);
  });
});

describe('post text', () => {
  it('URLs and hashtags → links, trailing punctuation left out, blank lines → paragraphs', () => {
    const out = postTextHtml('See https://example.org/a?b=1&c=2. #Xinjiang #1\n\nNext #可可托海!').value;
    expect(out).toBe(
      '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer ugc">example.org/a?b=1&amp;c=2</a>. <a class="ht" href="/tag/xinjiang">#Xinjiang</a> #1</p><p>Next <a class="ht" href="/tag/%E5%8F%AF%E5%8F%AF%E6%89%98%E6%B5%B7">#可可托海</a>!</p>',
    );
  });

  it('a javascript: or data: "link" and a # inside a word → plain text', () => {
    const out = postTextHtml('javascript:alert(1) data:text/html,<b>x</b> C#sharp').value;
    expect(out).toBe('<p>javascript:alert(1) data:text/html,&lt;b&gt;x&lt;/b&gt; C#sharp</p>');
  });
});

describe('routes', () => {
  it('each address → its page; broken escapes → bad request', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/thread/threadreader%3Aabc%2F2')).toEqual({ page: 'thread', id: 'threadreader:abc/2' });
    expect(parseRoute('/tag/%E5%8F%AF/feed.xml')).toEqual({ page: 'feed', tag: '可' });
    expect(parseRoute('/tag/%E5%8F').page).toBe('bad-request');
    expect(parseRoute('/tag/a/b').page).toBe('not-found');
    expect(parseRoute('/tag?q=x')).toEqual({ page: 'goto', input: 'x' });
  });
});
