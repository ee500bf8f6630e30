import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePost } from '../../support/posts.ts';
import { mediaCorpus, PICTURES } from '../../support/media-corpus.ts';
import { startReader, type Running } from '../../support/web.ts';

let reader: Running;
beforeAll(async () => {
  const httpOnly = makePost({
    id: 'x:plain-http',
    text: 'An old blog photo #xinjiang',
    attachments: [{ url: 'http://old.example.org/photo.jpg', type: 'image', alt: 'A yurt' }],
    media: 1,
  });
  const hostile = makePost({
    id: 'x:hostile-alt',
    author: { id: 'h1', handle: 'hostile', name: '' },
    text: 'Look #xinjiang',
    attachments: [{ url: 'https://img.example.org/a.jpg', type: 'image', alt: '"><script>alert(1)</script>' }],
  });
  reader = await startReader([...mediaCorpus(), httpOnly, hostile]);
});
afterAll(async () => {
  await reader.close();
});

const get = async (path: string) => {
  const res = await fetch(reader.base + path);
  return { status: res.status, csp: res.headers.get('content-security-policy') ?? '', text: await res.text() };
};

describe('web reader: pictures and sensitive threads', () => {
  it('every page → a CSP that lets pictures load over https only (and the data: favicon), nothing else', async () => {
    const { csp } = await get('/tag/xinjiang');
    expect(csp).toContain('img-src data: https:;');
    expect(csp).toContain("default-src 'none'");
  });

  it('a thread with a picture → <img> from its source with the alt text, lazily, with no referrer, its size, and the alt as caption', async () => {
    const page = await get(`/thread/${encodeURIComponent('x:1900000000000000501')}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `<figure class="picture"><img src="${PICTURES.xPhoto}" alt="A walled compound seen from above, four watchtowers" loading="lazy" decoding="async" referrerpolicy="no-referrer" width="2048" height="1365"><figcaption>A walled compound seen from above, four watchtowers</figcaption></figure>`,
    );
  });

  it('a sensitive thread → its posts folded behind the warning in a <details>; an age-restricted one says “adults only”', async () => {
    const letter = await get(`/thread/${encodeURIComponent('mastodon:https://mastodon.example/users/kashgar_diary/statuses/110000000000000701')}`);
    expect(letter.text).toMatch(/<details class="cw"><summary>⚠️ Content warning: detention, testimony — show<\/summary><ol class="posts"/u);
    const adult = await get(`/thread/${encodeURIComponent('bluesky:at://did:plc:steppe01/app.bsky.feed.post/3lbimg001')}`);
    expect(adult.text).toContain('<summary>⚠️ Sensitive content · adults only — show</summary>');
  });

  it('a picture on plain http → a link, not an <img> the CSP would block; a hostile alt text → escaped', async () => {
    const page = await get('/tag/xinjiang');
    expect(page.text).toContain('<a href="http://old.example.org/photo.jpg" rel="nofollow noopener noreferrer">🖼 A yurt</a>');
    expect(page.text).not.toContain('<img src="http:');
    expect(page.text).toContain('alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page.text).not.toContain('<script>alert(1)');
  });
});
