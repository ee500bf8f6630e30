import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, fixturePosts, startReader, threadPosts, type Running } from '../../support/web.ts';

let reader: Running;
beforeAll(async () => {
  reader = await startReader([
    ...fixturePosts(),
    ...threadPosts({ root: 'x:ctl', handle: 'ctl', texts: ['control \u0000\u001b[31m chars and a lone \ud800 surrogate #xinjiang'] }),
  ]);
});
afterAll(async () => {
  await reader.close();
});

const page = async (path: string) => (await fetch(reader.base + path)).text();

/** Markup that would run or load something if the hostile text came through unescaped. */
const LIVE = [/<script/iu, /<img/iu, /href="javascript:/iu];

describe('escaping of text from the internet', () => {
  it('hostile post text and author name on the tag page → shown as text, never as markup', async () => {
    const html = await page('/tag/xinjiang');
    for (const pattern of LIVE) expect(html).not.toMatch(pattern);
    expect(html).toContain(HOSTILE.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;'));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('hostile text on the thread page → escaped in the title, the body and the meta description', async () => {
    const html = await page('/thread/x%3A666');
    for (const pattern of LIVE) expect(html).not.toMatch(pattern);
    expect(html).toMatch(/<title>Mallory &lt;script&gt;alert\(1\)/u);
    expect(html).toContain('<meta name="description" content="A thread of 2 posts by @mallory: #Xinjiang &lt;script&gt;');
    expect(html).toContain('second &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('a javascript: URL as the original link → no link at all', async () => {
    const html = await page('/thread/x%3A666');
    expect(html).not.toContain('javascript:alert(4)');
    expect(html).not.toContain('Original on X');
  });

  it('hostile text in the URL (tag, thread id, query) → echoed escaped in the error page', async () => {
    const tag = await fetch(`${reader.base}/tag/${encodeURIComponent('"><img src=x onerror=alert(1)>')}`);
    expect(tag.status).toBe(400);
    const thread = await fetch(`${reader.base}/thread/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(thread.status).toBe(404);
    const lang = await fetch(`${reader.base}/tag/xinjiang?lang=${encodeURIComponent('"><script>')}`);
    expect(lang.status).toBe(400);
    for (const html of [await tag.text(), await thread.text(), await lang.text()]) {
      for (const pattern of LIVE) expect(html).not.toMatch(pattern);
      expect(html).toMatch(/&lt;(img|script)/u);
    }
  });

  it('control characters in a post → removed from the page; a lone surrogate → U+FFFD (made so when stored)', async () => {
    const html = await page('/thread/x%3Actl');
    expect(html).toContain('control [31m chars and a lone \ufffd surrogate');
    expect(html.includes('\u0000') || html.includes('\u001b')).toBe(false);
  });
});
