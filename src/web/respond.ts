import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebResponse } from './context.ts';
import { CONTENT_SECURITY_POLICY } from './layout.ts';

const CONTENT_TYPES: Readonly<Record<WebResponse['type'], string>> = {
  html: 'text/html; charset=utf-8',
  xml: 'application/rss+xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** Sent with every response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'interest-cohort=()',
};

/**
 * Writes a page: security headers, a strong ETag (a repeat visit with `If-None-Match` gets 304 and no
 * body), Cache-Control from `maxAge`, and no body for HEAD (Content-Length still tells the size).
 */
export function send(req: IncomingMessage, res: ServerResponse, response: WebResponse): void {
  const body = Buffer.from(response.body, 'utf8');
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[response.type],
    'Cache-Control': response.maxAge ? `${response.cacheScope ?? 'public'}, max-age=${response.maxAge}` : 'no-cache',
    ...(response.cacheScope === 'private' ? { Vary: 'Host' } : {}),
    ...response.headers,
  };
  if (response.status === 200) {
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    headers.ETag = etag;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
