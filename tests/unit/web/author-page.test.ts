import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorLink } from '../../../src/core/index.ts';
import { fixturePosts, HOSTILE, pagingPosts, startReader, threadPosts, type Running } from '../../support/web.ts';

let reader: Running;
beforeAll(async () => {
  // Two authors called "twin" (on X and on Bluesky), and one X author with 25 threads to page through.
  const prolific = Array.from({ length: 25 }, (_, i) =>
    threadPosts({ root: `x:prolific-${i + 1}`, handle: 'prolific', name: 'Prolific', texts: [`Thread ${i + 1} #paging`, 'more'], hoursAgo: i + 1 }),
  ).flat();
  const twins = [
    ...threadPosts({ root: 'x:twin-1', handle: 'twin', name: 'Twin on X', texts: ['x twin #cotton'] }),
    ...threadPosts({ root: 'bluesky:twin-2', handle: 'twin', name: 'Twin on Bluesky', texts: ['bsky twin #cotton'] }),
  ];
  reader = await startReader([...fixturePosts(), ...pagingPosts(), ...prolific, ...twins]);
});
afterAll(async () => {
  await reader.close();
});

const get = async (path: string) => {
  const res = await fetch(reader.base + path, { redirect: 'manual' });
  return { status: res.status, text: await res.text() };
};

describe('author pages', () => {
  it('every card links its author’s name to the author’s page, which core’s authorLink points at too', async () => {
    const page = await get('/tag/xinjiang');
    expect(page.text).toContain('<a class="name" href="/author/lieferkette.bsky.social">Lieferkette</a>');
    expect(page.text).toContain('href="/author/x.com%2Fmallory"');
    expect(authorLink({ source: 'x', author: { id: '1', handle: 'mallory', name: '' } }, { publicUrl: 'https://spool.example/' })).toBe(
      'https://spool.example/author/x.com%2Fmallory',
    );
  });

  it('/author/x.com%2Fmallory → the author’s threads, their hostile name escaped', async () => {
    const page = await get('/author/x.com%2Fmallory');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Threads by Mallory &lt;script&gt;');
    expect(page.text).not.toContain(HOSTILE);
    expect(page.text).toContain('href="/thread/x%3A666"');
  });

  it('a handle as typed (@, any case, the raw / of x.com/…) → the same page', async () => {
    for (const path of ['/author/@lieferkette.bsky.social', '/author/Lieferkette.bsky.social', '/author/x.com/mallory'])
      expect((await get(path)).status, path).toBe(200);
  });

  it('25 threads → 20 on the first page and a next link with a cursor; the next page has the other 5; best is its own order', async () => {
    const first = await get('/author/x.com%2Fprolific');
    expect(first.text.match(/class="card"/gu)).toHaveLength(20);
    const next = /href="(\/author\/x\.com%2Fprolific\?after=[^"]+)" rel="next"/u.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const second = await get((next ?? '').replace(/&amp;/gu, '&'));
    expect(second.text.match(/class="card"/gu)).toHaveLength(5);
    expect((await get('/author/x.com%2Fprolific?sort=best')).text).toContain('aria-current="page">Best');
  });

  it('a handle two authors share → a page to choose from; an unknown one → 404; one that is no handle → 400', async () => {
    const both = await get('/author/twin');
    expect(both.status).toBe(200);
    expect(both.text).toContain('Several authors are called @twin: say which one, @bluesky:twin or @x.com/twin.');
    expect(both.text).toContain('href="/author/x.com%2Ftwin"');
    expect(both.text).toContain('href="/author/bluesky%3Atwin"');
    const unknown = await get('/author/nobody_here');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('No threads by @nobody_here are stored yet');
    expect((await get('/author/a%20b')).status).toBe(400);
  });
});
