import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
export function createWebServer(deps: WebDeps): WebServer {
  const server = createServer(createWebHandler(deps));
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host }, () => {
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
export function createWebHandler(input: WebDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const deps: WebDeps = { ...input, tags: createCachedTagStore(input.tags), stats: input.stats && remembered(input.stats, STATS_TTL_MS) };
  return (req, res) => void handle(deps, req, res);
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

async function handle(deps: WebDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, { ...errorPage(405, `${req.method ?? 'This method'} is not supported here: the reader only answers GET and HEAD.`), headers: { Allow: 'GET, HEAD' } });
    return;
  }
  try {
    const ctx: PageContext = { ...deps, origin: origin(deps, req), now: deps.clock.now() };
    send(req, res, await dispatch(ctx, parseRoute(req.url ?? '/')));
  } catch (error) {
    deps.log.error({ err: error, url: req.url }, 'web page failed');
    if (!res.headersSent) send(req, res, errorPage(500, describeFailure({ code: 'internal' })));
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
      if (!parsed.ok) return errorPage(400, describeFailure(parsed.failure));
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

/** Where absolute links point: SPOOL_PUBLIC_URL, else this request's host when it looks like one. */
function origin(deps: WebDeps, req: IncomingMessage): string {
  if (deps.publicUrl) return deps.publicUrl.replace(/\/+$/u, '');
  const host = req.headers.host ?? '';
  return /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/iu.test(host) ? `http://${host}` : 'http://localhost';
}
