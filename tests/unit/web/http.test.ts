import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePosts, startReader, type Running } from '../../support/web.ts';

let reader: Running;
beforeAll(async () => {
  reader = await startReader(fixturePosts());
});
afterAll(async () => {
  await reader.close();
});

describe('HTTP behaviour', () => {
  it('every page → CSP default-src none with the stylesheet by hash, nosniff, no referrer', async () => {
    for (const path of ['/', '/tag/xinjiang', '/thread/mastodon%3Am-1', '/tag/nope', '/healthz']) {
      const res = await fetch(reader.base + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'/u);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      await res.arrayBuffer();
    }
  });

  it('the inline stylesheet → matches the hash the CSP allows', async () => {
    const { createHash } = await import('node:crypto');
    const res = await fetch(`${reader.base}/tag/xinjiang`);
    const style = /<style>([^<]*)<\/style>/u.exec(await res.text())?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(res.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
    expect(style.length).toBeGreaterThan(1000);
  });

  it('pages load nothing from elsewhere: no script, no external stylesheet, font or image', async () => {
    const html = await (await fetch(`${reader.base}/thread/mastodon%3Am-1`)).text();
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|@import|url\(|src="http/iu);
  });

  it('HEAD → the headers of GET and no body', async () => {
    const get = await fetch(`${reader.base}/tag/xinjiang`);
    const body = await get.arrayBuffer();
    const head = await fetch(`${reader.base}/tag/xinjiang`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.byteLength));
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('POST, PUT, DELETE → 405 with Allow: GET, HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${reader.base}/tag/xinjiang`, { method, body: method === 'DELETE' ? null : 'x' });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(await res.text()).toContain('the reader only answers GET and HEAD');
    }
  });

  it('a repeat request with the ETag → 304 without a body', async () => {
    const first = await fetch(`${reader.base}/thread/mastodon%3Am-1`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/u);
    const again = await fetch(`${reader.base}/thread/mastodon%3Am-1`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('the pages are phone-ready and follow the colour scheme', async () => {
    const html = await (await fetch(`${reader.base}/`)).text();
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(html).toContain('@media (prefers-color-scheme:dark)');
  });

  it('a store failure → 500 with the polite sentence, logged once', async () => {
    reader.db.close();
    // A page rendered in the last second would be served from the page cache: ask for one not rendered yet.
    const res = await fetch(`${reader.base}/tag/xinjiang?lang=fr`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('Something went wrong on our side; it has been logged.');
    expect(reader.errors).toHaveLength(1);
  });
});

describe('listening', () => {
  it('a port that is taken → listen rejects with EADDRINUSE instead of crashing', async () => {
    const { createWebServer } = await import('../../../src/web/index.ts');
    const port = Number(new URL(reader.base).port);
    const second = createWebServer({
      threads: reader.stores.threads,
      tags: reader.stores.tags,
      clock: { now: () => new Date() },
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await expect(second.listen(port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await second.close();
  });
});
