import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadLink } from '../../../src/core/index.ts';
import { fixturePosts, pagingPosts, startReader, type Running } from '../../support/web.ts';

let reader: Running;
beforeAll(async () => {
  reader = await startReader([...fixturePosts(), ...pagingPosts()]);
});
afterAll(async () => {
  await reader.close();
});

const get = async (path: string) => {
  const res = await fetch(reader.base + path, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe('tag page', () => {
  it('a known tag → 200 with the title, the cards and a "Read N posts" link to each thread', async () => {
    const page = await get('/tag/xinjiang');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Threads about <span class="tag">#xinjiang</span>');
    expect(page.text).toContain('href="/thread/mastodon%3Am-1">Read 3 posts →</a>');
    expect(page.text).toContain('href="/thread/threadreader%3Aabc%2F2">Read 18 posts →</a>');
    expect(page.text).toContain('href="/thread/bluesky%3Adid%3Aplc%3Ax-1"');
  });

  it('a tag in another case, with #, or NFD-composed → the same page', async () => {
    for (const path of ['/tag/Xinjiang', '/tag/%23XINJIANG', '/tag/OU%C3%8FGHOURS', '/tag/ou%69%CC%88ghours']) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
    }
    expect((await get('/tag/OU%C3%8FGHOURS')).text).toContain('#ouïghours</span>');
  });

  it('a non-Latin tag, percent-encoded or typed as is → 200', async () => {
    const typed = await get('/tag/可可托海');
    const encoded = await get('/tag/%E5%8F%AF%E5%8F%AF%E6%89%98%E6%B5%B7');
    const accented = await get('/tag/ou%C3%AFghours');
    expect([typed.status, encoded.status, accented.status]).toEqual([200, 200, 200]);
    expect(typed.text).toContain('#可可托海</span>');
    expect(typed.text).toContain('Read 18 posts');
  });

  it('an unknown tag → 404 with one sentence and the closest known tags as links', async () => {
    const page = await get('/tag/xinjang');
    expect(page.status).toBe(404);
    expect(page.text).toContain('No threads about #xinjang yet.');
    expect(page.text).toContain('href="/tag/xinjiang"');
  });

  it('an invalid tag → 400 with one sentence', async () => {
    const page = await get('/tag/not%20a%20tag!');
    expect(page.status).toBe(400);
    expect(page.text).toContain('is not a hashtag: use letters, digits and _ only');
    expect((await get(`/tag/${'a'.repeat(101)}`)).status).toBe(400);
  });

  it('a broken percent-escape → 400, not a crash', async () => {
    const page = await get('/tag/%E5%8F');
    expect(page.status).toBe(400);
    expect(page.text).toContain('broken percent-escape');
    expect(reader.errors).toEqual([]);
  });

  it('?lang=fr → only French threads, with the language chips and badges', async () => {
    const page = await get('/tag/xinjiang?lang=fr');
    expect(page.status).toBe(200);
    expect(page.text).toContain('bluesky%3Adid%3Aplc%3Ax-1');
    expect(page.text).not.toContain('mastodon%3Am-1');
    expect(page.text).toContain('1 thread in Français');
    expect(page.text).toMatch(/class="chip" href="\/tag\/xinjiang\?lang=fr" hreflang="fr" aria-current="true">Français</u);
  });

  it('a bad language or sort → 400 naming the value', async () => {
    const lang = await get('/tag/xinjiang?lang=french');
    expect(lang.status).toBe(400);
    expect(lang.text).toContain('“french” is not a language code');
    const sort = await get('/tag/xinjiang?sort=oldest');
    expect(sort.status).toBe(400);
    expect(sort.text).toContain('“oldest” is not a sort order: use recent or best.');
  });

  it('the best tab → 200 and marked as the current tab', async () => {
    const page = await get('/tag/xinjiang?sort=best');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/tag/xinjiang?sort=best" aria-current="page">Best</a>');
  });

  it('related hashtags → links to their pages', async () => {
    const page = await get('/tag/xinjiang');
    expect(page.text).toContain('href="/tag/cotton">#cotton');
    expect(page.text).toContain(`href="/tag/${encodeURIComponent('可可托海')}">#可可托海`);
  });

  it('more threads than a page → a "More threads" link whose cursor shows the rest, none twice', async () => {
    const first = await get('/tag/paging');
    const next = /href="(\/tag\/paging\?after=[^"]+)" rel="next"/u.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const second = await get((next ?? '').replaceAll('&amp;', '&'));
    expect(second.status).toBe(200);
    const ids = (text: string) => [...text.matchAll(/href="\/thread\/(x%3Apage-\d+)"/gu)].map((m) => m[1]);
    expect(ids(first.text)).toHaveLength(20);
    expect(ids(second.text)).toHaveLength(5);
    expect(new Set([...ids(first.text), ...ids(second.text)]).size).toBe(25);
    expect(second.text).not.toContain('rel="next"');
  });
});

describe('thread page', () => {
  it("the id core's threadLink builds (with : and /) → 200 with every post numbered", async () => {
    const link = threadLink({ id: 'threadreader:abc/2', url: '' }, { publicUrl: 'https://reader.example/' });
    const page = await get(link.replace('https://reader.example', ''));
    expect(page.status).toBe(200);
    expect(page.text).toContain('A ski trip to');
    expect(page.text).toContain('No permit was needed');
    expect(page.text).toContain('aria-label="Post 2 of 18">2</a>');
  });

  it('a thread the source showed only partly → "N of M posts stored" and a link to the rest', async () => {
    const page = await get('/thread/threadreader%3Aabc%2F2');
    expect(page.text).toContain('2 of 18 posts stored.');
    expect(page.text).toContain('16 more posts on Thread Reader');
  });

  it('a whole thread → author, link to the original, hashtags as links, media marker, no partial note', async () => {
    const page = await get('/thread/mastodon%3Am-1');
    expect(page.text).toContain('Steppe Notes');
    expect(page.text).toContain('href="https://example.com/steppe_notes/mastodon%3Am-1" rel="nofollow noopener noreferrer">Original on Mastodon ↗</a>');
    expect(page.text).toContain('<a class="chip" href="/tag/cotton">#cotton</a>');
    expect(page.text).toContain('🖼 2 attachments');
    expect(page.text).toContain('End of thread · 3 posts');
    expect(page.text).not.toContain('posts stored');
    expect(page.text).toContain('<a href="https://example.org/customs?year=2024" rel="nofollow noopener noreferrer ugc">');
  });

  it('a thread page → link-preview tags for the chats that unfurl digest links, escaped', async () => {
    const page = await get('/thread/mastodon%3Am-1');
    expect(page.text).toContain('<meta property="og:title" content="🧵 Steppe Notes: How #Xinjiang cotton reaches European shops. #cotton 🧵 (3 posts)">');
    expect(page.text).toContain('<meta property="og:description" content="A thread of 3 posts by @steppe_notes: How #Xinjiang cotton');
  });

  it('an id with raw slashes and colons (hand-written link) → the same thread', async () => {
    expect((await get('/thread/threadreader:abc/2')).status).toBe(200);
    expect((await get('/thread/bluesky:did:plc:x-1')).status).toBe(200);
  });

  it('an unknown id → 404 with one sentence', async () => {
    const page = await get('/thread/x%3Anope');
    expect(page.status).toBe(404);
    expect(page.text).toContain('No thread “x:nope” is stored here');
  });
});

describe('front page and the rest', () => {
  it('/ → the most active hashtags of the last days, as links', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Most active hashtags of the last 7 days');
    expect(page.text).toContain('href="/tag/paging"');
    expect(page.text).toContain('href="/tag/xinjiang"');
  });

  it('the header form /tag?q=#Xinjiang → 303 to the tag page; a bad one → 400', async () => {
    const go = await get('/tag?q=%23Xinjiang');
    expect(go.status).toBe(303);
    expect(go.headers.get('location')).toBe('/tag/xinjiang');
    expect((await get('/tag?q=%3Cb%3E')).status).toBe(400);
  });

  it('/healthz → JSON with ok and the store counts', async () => {
    const res = await fetch(`${reader.base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ ok: true, posts: 59, threads: 29, tags: expect.any(Number) });
  });

  it('an address that is no page → 404', async () => {
    expect((await get('/wp-admin')).status).toBe(404);
    expect((await get('/thread/')).status).toBe(404);
  });
});

describe('an empty store', () => {
  it('/ → 200 saying nothing is stored yet and how to add threads', async () => {
    const empty = await startReader([]);
    try {
      const res = await fetch(`${empty.base}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('No threads are stored yet. Import some with <code>spool import</code>');
    } finally {
      await empty.close();
    }
  });
});
