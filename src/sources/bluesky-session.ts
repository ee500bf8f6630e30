import { z } from 'zod';
import { UpstreamError, type HttpClient } from './http.ts';

const sessionSchema = z.object({ accessJwt: z.string().min(1), refreshJwt: z.string().min(1), did: z.string() });

export interface BlueskySession {
  /** GET an XRPC query with the session's access token, refreshing (or logging in again) once when it expired. */
  query(http: HttpClient, method: string, params: URLSearchParams): Promise<unknown>;
}

/** An expired or refused access token, as the PDS reports it (400 ExpiredToken, or 401). */
function isExpired(error: unknown): boolean {
  return error instanceof UpstreamError && (error.status === 401 || (error.status === 400 && /ExpiredToken|InvalidToken/u.test(error.message)));
}

/**
 * An app-password session (com.atproto.server.createSession), kept across rounds and refreshed
 * with refreshSession when the access token expires. The password and tokens travel only in
 * request bodies and Authorization headers, never in URLs, errors or logs.
 */
export function createBlueskySession(options: { service: string; identifier: string; appPassword: string }): BlueskySession {
  const base = options.service.replace(/\/+$/u, '');
  let session: z.infer<typeof sessionSchema> | undefined;

  async function login(http: HttpClient): Promise<void> {
    const { body } = await http.json(`${base}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: options.identifier, password: options.appPassword }),
    });
    session = sessionSchema.parse(body);
  }

  async function refresh(http: HttpClient): Promise<void> {
    try {
      const { body } = await http.json(`${base}/xrpc/com.atproto.server.refreshSession`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session?.refreshJwt ?? ''}` },
      });
      session = sessionSchema.parse(body);
    } catch {
      await login(http); // the refresh token expired too: log in again
    }
  }

  return {
    async query(http, method, params) {
      if (!session) await login(http);
      const call = async () => (await http.json(`${base}/xrpc/${method}?${params}`, { headers: { authorization: `Bearer ${session?.accessJwt ?? ''}` } })).body;
      try {
        return await call();
      } catch (error) {
        if (!isExpired(error)) throw error;
        await refresh(http);
        return call();
      }
    },
  };
}
