import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Fault = 429 | 500 | 503 | 'garbage';

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw text instead of JSON. */
  text?: string;
  /** Raw bytes (a feed in its own encoding); the reply's headers should name the content type. */
  bytes?: Uint8Array;
}

export interface FakeServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The next `times` requests (matching `path` when given) answer with this fault instead. */
  failNext(fault: Fault, options?: { times?: number; path?: string; headers?: Record<string, string> }): void;
  /** Requests whose path starts with `prefix`. */
  requestsTo(prefix: string): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A recording HTTP server on 127.0.0.1, port 0, that answers through `route` unless a fault was
 * queued. Faults look like the real thing: 429 with the platform's rate-limit headers (passed in),
 * 500 with a short body, garbage as a 200 whose body is not JSON.
 */
export async function startFakeServer(
  route: (request: RecordedRequest) => FakeReply,
  rateLimitHeaders: () => Record<string, string> = () => ({}),
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; path?: string | undefined; headers?: Record<string, string> | undefined }[] = [];
  const send = (res: ServerResponse, reply: FakeReply): void => {
    const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    res.writeHead(reply.status, {
      'content-type': reply.text !== undefined ? 'text/plain' : 'application/json; charset=utf-8',
      ...rateLimitHeaders(),
      ...reply.headers,
    });
    res.end(reply.bytes ?? text);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const index = faults.findIndex((f) => f.path === undefined || recorded.path.startsWith(f.path));
      const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
      if (fault?.fault === 429)
        return send(res, { status: 429, headers: fault.headers, body: { title: 'Too Many Requests', status: 429, detail: 'Too Many Requests' } });
      if (fault?.fault === 500 || fault?.fault === 503) return send(res, { status: fault.fault, text: 'Internal Server Error' });
      if (fault?.fault === 'garbage') return send(res, { status: 200, text: '<html>oops</html>' });
      try {
        send(res, route(recorded));
      } catch (error) {
        send(res, { status: 500, text: `fake failed: ${(error as Error).message}` });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(fault, options = {}) {
      for (let i = 0; i < (options.times ?? 1); i++) faults.push({ fault, path: options.path, headers: options.headers });
    },
    requestsTo: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Snowflake-like ids compared as numbers. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
