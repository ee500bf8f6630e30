import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadStore } from '../../../src/core/index.ts';
import { createSqliteStores, openDatabase, type Db } from '../../../src/store/index.ts';
import { createWebServer, type WebServer, type WebServerLimits } from '../../../src/web/index.ts';
import { clock, fixturePosts } from '../../support/web.ts';

// Issue 12, item 7: the reader kept idle sockets forever (200 sockets that never sent a byte were
// open after 125 s), had no connection limit, and without SPOOL_PUBLIC_URL served feeds whose links
// follow the request's Host header with Cache-Control: public.

const log = { debug() {}, info() {}, warn() {}, error() {} };
const running: { server: WebServer; db: Db; sockets: Socket[] }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    for (const s of r.sockets) s.destroy();
    await r.server.close();
    r.db.close();
  }
});

async function reader(limits: Partial<WebServerLimits> = {}, options: { publicUrl?: string; threads?: (t: ThreadStore) => ThreadStore } = {}) {
  const db = openDatabase(':memory:');
  const stores = createSqliteStores(db, clock);
  await stores.posts.ingest(fixturePosts());
  const threads = options.threads ? options.threads(stores.threads) : stores.threads;
  const server = createWebServer({ threads, tags: stores.tags, clock, log, publicUrl: options.publicUrl }, limits);
  const { port } = await server.listen(0, '127.0.0.1');
  const entry = { server, db, sockets: [] as Socket[] };
  running.push(entry);
  const open = (): Socket => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    entry.sockets.push(socket);
    return socket;
  };
  return { port, base: `http://127.0.0.1:${port}`, open };
}

/** fetch() will not send another Host: node:http will, as any client can. */
function getWithHost(port: number, path: string, host: string): Promise<{ body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const closed = (socket: Socket): Promise<void> => new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
const received = (socket: Socket): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('close', () => resolve(text));
  });

describe('the reader bounds what one client may hold', () => {
  it('sockets that never send a byte → closed by the idle timeout', async () => {
    const r = await reader({ idleTimeoutMs: 300 });
    const sockets = Array.from({ length: 50 }, () => r.open());
    await Promise.all(sockets.map(closed)); // Node's defaults never close them: this would hang until the test's timeout
    expect(sockets.every((s) => s.destroyed)).toBe(true);
  });

  it('a client trickling its headers one byte at a time → closed by the header timeout', async () => {
    const r = await reader({ headersTimeoutMs: 500, idleTimeoutMs: 60_000 });
    const socket = r.open();
    const request = 'GET /tag/xinjiang HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(10_000);
    let at = 0;
    const drip = setInterval(() => socket.writable && socket.write(request[at++ % request.length] ?? 'a'), 50);
    const answer = await received(socket);
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /u);
  });

  it('connections past the cap → a 503 with Retry-After at once, then closed; below it again → served', async () => {
    const r = await reader({ maxConnections: 3 });
    const held = [r.open(), r.open(), r.open()];
    await Promise.all(held.map((s) => new Promise((resolve) => s.once('connect', resolve))));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the reader has accepted them
    const extra = r.open();
    const answer = await received(extra);
    expect(answer).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/u);
    expect(answer).toContain('Retry-After: 5');
    for (const s of held) s.destroy();
    await Promise.all(held.map(closed));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(`${r.base}/tag/xinjiang`)).status).toBe(200);
  });
});

describe('links built from the Host header', () => {
  it('no SPOOL_PUBLIC_URL → the feed links to the asking host, and is private to that client (Vary: Host)', async () => {
    const r = await reader();
    const res = await getWithHost(r.port, '/tag/xinjiang/feed.xml', 'evil.example');
    expect(res.body).toContain('<link>http://evil.example/tag/xinjiang</link>');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    expect(res.headers['vary']).toBe('Host');
    // Another host asking in the same second gets its own links, not the cached page of the first.
    expect((await getWithHost(r.port, '/tag/xinjiang/feed.xml', 'spool.local')).body).toContain('<link>http://spool.local/tag/xinjiang</link>');
  });

  it('SPOOL_PUBLIC_URL set → the public URL whatever the Host, cacheable by shared caches', async () => {
    const r = await reader({}, { publicUrl: 'https://spool.example.org' });
    const res = await getWithHost(r.port, '/tag/xinjiang/feed.xml', 'evil.example');
    expect(res.body).toContain('<link>https://spool.example.org/tag/xinjiang</link>');
    expect(res.body).not.toContain('evil.example');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });
});

describe('a crowd on the same page', () => {
  it('many requests for one page within a second, some with made-up query parameters → rendered once', async () => {
    let renders = 0;
    const r = await reader({}, { threads: (t) => ({ ...t, threadsByTag: (q) => (renders++, t.threadsByTag(q)) }) });
    expect((await fetch(`${r.base}/tag/xinjiang`)).status).toBe(200);
    const once = renders;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${r.base}/tag/xinjiang${i % 2 ? `?utm=${i}` : ''}`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(renders).toBe(once);
  });
});
