import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describeFailure, normalizeHashtag, parseHashtagArgument } from '../core/index.ts';
import type { PageContext, WebDeps, WebResponse } from './context.ts';
import { renderFeed } from './feed.ts';
import { errorPage } from './pages/errors.ts';
import { renderAuthorPage } from './pages/author.ts';
import { renderHome } from './pages/home.ts';
import { renderTagPage } from './pages/tag.ts';
import { renderThreadPage } from './pages/thread.ts';
import { tagPath } from './paths.ts';
import { parseRoute, type Route } from './request.ts';
import { send } from './respond.ts';
import { createCachedTagStore } from './tag-cache.ts';
import { createPageCache, type PageCache, type PageCacheOptions } from './page-cache.ts';
import { english } from '../i18n/index.ts';

/**
 * What one client may hold of the reader (issue 12, item 7). Node's own defaults keep a socket that
 * never sends a byte open forever and accept any number of them; these bound both.
 */
export interface WebServerLimits {
  /** Open connections served at once; a connection over it gets 503 and is closed. */
  readonly maxConnections: number;
  /** A socket with no traffic either way for this long is closed (one that never sent a byte too). */
  readonly idleTimeoutMs: number;
  /** From the first byte to the end of the request headers. */
  readonly headersTimeoutMs: number;
  /** From the first byte to the end of the request. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection between requests. */
  readonly keepAliveTimeoutMs: number;
  /**
   * Connections the kernel may queue before the reader accepts them (capped by net.core.somaxconn).
   * Node's default, 511, overflows when a crowd connects at once: the kernel drops SYNs, and clients
   * wait 1, 3, 7 s to retry (or are reset) before the reader even sees them.
   */
  readonly backlog: number;
}

export const DEFAULT_WEB_LIMITS: WebServerLimits = {
  maxConnections: 2_048,
  idleTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  backlog: 4_096,
};

const BUSY_TEXT = 'The reader is busy right now: please try again in a few seconds.\n';
const BUSY = Buffer.from(
  `HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(BUSY_TEXT)}\r\n\r\n${BUSY_TEXT}`,
);

export interface WebServer {
  /**
   * Starts listening (port 0 picks a free one) and resolves with the port actually bound. Without a host
   * it listens on every interface (IPv6 and IPv4); rejects with the socket error (EADDRINUSE …).
   */
  listen(port: number, host?: string): Promise<{ port: number }>;
  /** Stops accepting, closes idle keep-alive connections, and resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * The web reader: server-rendered pages over the read ports, on node:http. Pages need no JavaScript
 * and load nothing from elsewhere. Only GET and HEAD are served (405 otherwise); a user's mistake
 * gets one sentence and its status (400, 404); a bug gets a logged 500 and a polite page.
 *
 * The handlers are synchronous because the ports are (ADR 0002): a page is rendered in one turn of
 * the event loop, so a slow store query delays every request behind it; see the bench for numbers.
 */
export function createWebServer(deps: WebDeps, limits: Partial<WebServerLimits> = {}, options: { readonly pageCache?: PageCacheOptions } = {}): WebServer {
  const l = { ...DEFAULT_WEB_LIMITS, ...limits };
  const handler = createWebHandler(deps, options);
  // A connection past the cap is answered at once with a fixed 503 and closed, before its request is
  // even read: the client hears "busy, retry in 5 s" in microseconds of the reader's time, instead of
  // waiting behind thousands of others or being reset by an overflowing accept queue.
  const overCap = new WeakSet<Socket>();
  let open = 0;
  let refused = 0;
  // Node checks headersTimeout and requestTimeout only this often (30 s by default): a client
  // trickling a header byte at a time would keep its socket that much longer than the timeout says.
  const server = createServer({ connectionsCheckingInterval: Math.min(1_000, l.headersTimeoutMs) }, (req, res) => {
    if (overCap.has(req.socket)) return void res.destroy();
    handler(req, res);
  });
  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
    if (open <= l.maxConnections) return;
    overCap.add(socket);
    refused++;
    if (refused === 1 || refused % 1000 === 0)
      deps.log.warn({ open, maxConnections: l.maxConnections, refused }, 'web reader: too many connections, answering 503');
    socket.end(BUSY, () => socket.destroy());
  });
  // With no 'timeout' listener, Node destroys a socket idle this long — including one that never sent
  // a byte, which headersTimeout does not cover (it starts at the first byte).
  server.setTimeout(l.idleTimeoutMs);
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  server.headersTimeout = l.headersTimeoutMs;
  server.requestTimeout = l.requestTimeoutMs;
  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host, backlog: l.backlog }, () => {
          server.off('error', reject);
          // After start-up an error (EMFILE on accept …) is logged, not thrown into the process.
          server.on('error', (error) => deps.log.error({ err: error }, 'web reader: server error'));
          resolve({ port: (server.address() as AddressInfo).port });
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
    },
  };
}

/**
 * The request listener behind `createWebServer`, for a caller that owns its own `http.Server` (the
 * benchmark, or an operator mounting the reader beside something else). The expensive tag answers
 * are remembered per handler (see tag-cache.ts).
 */
export function createWebHandler(input: WebDeps, options: { readonly pageCache?: PageCacheOptions } = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const deps: WebDeps = { ...input, tags: createCachedTagStore(input.tags), stats: input.stats && remembered(input.stats, STATS_TTL_MS) };
  const pages = createPageCache(options.pageCache);
  return (req, res) => void handle(deps, pages, req, res);
}

/**
 * /healthz counts are reused this long: the store counts rows with COUNT(*), a full scan that took
 * ~1 s at 100k threads (bench/web-latency.ts), and a monitor polling every few seconds must not
 * stall every page behind it.
 */
const STATS_TTL_MS = 60_000;

function remembered<T>(compute: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = performance.now();
    if (!last || now - last.at >= ttlMs) {
      const value = compute();
      last = { at: now, value };
      // A failed count is not remembered: the next request asks again.
      value.catch(() => {
        if (last?.value === value) last = undefined;
      });
    }
    return last.value;
  };
}

async function handle(deps: WebDeps, pages: PageCache, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const mounted = deps.mounts?.get((req.url ?? '/').split('?')[0] ?? '/');
  if (mounted) return mounted(req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, {
      ...errorPage(405, `${req.method ?? 'This method'} is not supported here: the reader only answers GET and HEAD.`),
      headers: { Allow: 'GET, HEAD' },
    });
    return;
  }
  try {
    const where = origin(deps, req);
    const key = pageKey(where, req.url ?? '/');
    const cached = pages.get(key);
    if (cached) return send(req, res, cached);
    const ctx: PageContext = { ...deps, origin: where, now: deps.clock.now() };
    const rendered = await dispatch(ctx, parseRoute(req.url ?? '/'));
    // Without SPOOL_PUBLIC_URL absolute links follow the request's Host: only the asker's own cache may keep them.
    const response: WebResponse = deps.publicUrl ? rendered : { ...rendered, cacheScope: 'private' };
    if (response.status === 200 && !isHealth(req.url)) pages.set(key, response);
    send(req, res, response);
  } catch (error) {
    deps.log.error({ err: error, url: req.url }, 'web page failed');
    if (!res.headersSent) send(req, res, errorPage(500, describeFailure({ code: 'internal' }, english)));
    else res.destroy();
  }
}

async function dispatch(ctx: PageContext, route: Route): Promise<WebResponse> {
  switch (route.page) {
    case 'home':
      return renderHome(ctx);
    case 'tag':
      return renderTagPage(ctx, route.tag, route.query);
    case 'feed':
      return renderFeed(ctx, route.tag);
    case 'thread':
      return renderThreadPage(ctx, route.id);
    case 'author':
      return renderAuthorPage(ctx, route.ref, route.query);
    case 'goto': {
      const parsed = parseHashtagArgument(route.input);
      if (!parsed.ok) return errorPage(400, describeFailure(parsed.failure, english));
      return { status: 303, type: 'text', body: '', headers: { Location: tagPath(normalizeHashtag(parsed.value)) } };
    }
    case 'healthz':
      return { status: 200, type: 'json', body: JSON.stringify({ ok: true, ...(await ctx.stats?.()) }) };
    case 'bad-request':
      return errorPage(400, route.message);
    case 'not-found':
      return errorPage(404, 'There is no page at this address. Try a hashtag, like /tag/xinjiang.');
  }
}

/**
 * What a page depends on: the origin its links use, the path, and the query parameters pages read
 * (`sort`, `lang`, `after`, `q`). Other parameters change nothing, so `?x=<random>` cannot be used to
 * miss the page cache on purpose.
 */
function pageKey(origin: string, target: string): string {
  const at = target.indexOf('?');
  const query = new URLSearchParams(at < 0 ? '' : target.slice(at + 1));
  const kept = ['sort', 'lang', 'after', 'q'].map((name) => (query.has(name) ? `${name}=${query.get(name) ?? ''}` : '')).join('&');
  return `${origin} ${at < 0 ? target : target.slice(0, at)}?${kept}`;
}

/** /healthz answers for the moment (its counts are remembered separately). */
const isHealth = (url: string | undefined): boolean => (url ?? '').split('?')[0] === '/healthz';

/** Where absolute links point: SPOOL_PUBLIC_URL, else this request's host when it looks like one. */
function origin(deps: WebDeps, req: IncomingMessage): string {
  if (deps.publicUrl) return deps.publicUrl.replace(/\/+$/u, '');
  const host = req.headers.host ?? '';
  return /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/iu.test(host) ? `http://${host}` : 'http://localhost';
}
