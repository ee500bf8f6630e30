import { fail, systemClock, type Clock, type FetchedThread, type Failure, type Log, type PostLink, type Result, type ThreadFetcher } from '../core/index.ts';
import { fetchBlueskyThread } from './bluesky-thread.ts';
import { checkPublicHost } from './host-guard.ts';
import { createHttpClient, UpstreamError, type HttpOptions } from './http.ts';
import { fetchMastodonThread } from './mastodon-thread.ts';
import { fetchXThread } from './x-thread.ts';

export interface ThreadFetcherOptions {
  /** X_API_URL and X_BEARER_TOKEN; without a token X links are answered `unroll.not-configured`. */
  readonly x: { readonly apiUrl: string; readonly bearerToken?: string | undefined };
  /** BLUESKY_PUBLIC_API: an AppView that answers anonymously (public.api.bsky.app). */
  readonly blueskyPublicApi: string;
  /** SPOOL_UNROLL_PRIVATE_HOSTS: let Mastodon links name http:// and private hosts (tests, closed networks). */
  readonly allowPrivateHosts?: boolean | undefined;
  readonly log: Log;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  /** Timeouts and retries; a person is waiting, so the defaults are shorter than the pollers'. */
  readonly http?: Omit<HttpOptions, 'fetch' | 'clock' | 'log'>;
  /** DNS for the host check (tests). */
  readonly resolveHost?: (host: string) => Promise<readonly string[]>;
}

/** A person waits for the answer: a few quick retries, no long rate-limit sleeps (the answer says "try again"). */
const INTERACTIVE: Omit<HttpOptions, 'fetch' | 'clock' | 'log'> = {
  timeoutMs: 10_000,
  retries: 2,
  baseDelayMs: 300,
  maxDelayMs: 2_000,
  maxRateLimitWaitMs: 5_000,
};

/**
 * The ThreadFetcher of `/unroll`: a post link to its whole thread through the network's own API
 * (x-thread.ts, mastodon-thread.ts, bluesky-thread.ts), over the sources' HTTP client (timeouts,
 * retries of 5xx and network faults, rate-limit headers honoured). What the network says about the
 * post (deleted, private) is a failure for the person; a network fault is logged and answered
 * `unroll.unavailable`.
 */
export function createThreadFetcher(options: ThreadFetcherOptions): ThreadFetcher {
  const clock = options.clock ?? systemClock;
  const http = (source: string) => createHttpClient(source, { ...INTERACTIVE, ...options.http, fetch: options.fetch, clock, log: options.log });
  const clients = { x: http('x'), mastodon: http('mastodon'), bluesky: http('bluesky') };

  async function fetchOnce(link: PostLink): Promise<Result<FetchedThread, Failure>> {
    switch (link.network) {
      case 'x':
        return fetchXThread(link.id, clients.x, options.x);
      case 'bluesky':
        return fetchBlueskyThread(link.actor, link.rkey, clients.bluesky, options.blueskyPublicApi);
      case 'mastodon': {
        const url = new URL(link.instance);
        if (!options.allowPrivateHosts) {
          const verdict = await checkPublicHost(url, options.resolveHost);
          if (verdict === 'blocked') return fail({ code: 'unroll.blocked-host', where: url.host });
          if (verdict === 'unresolvable') return fail({ code: 'unroll.unavailable', where: url.host });
        }
        return fetchMastodonThread(link.instance, link.id, `${link.instance}/@${link.user}/${link.id}`, clients.mastodon);
      }
    }
  }

  return {
    async fetchThread(link) {
      const where = link.network === 'mastodon' ? new URL(link.instance).host : link.network === 'x' ? 'X' : 'Bluesky';
      try {
        const result = await fetchOnce(link);
        // What the network says about a post (deleted, private) is an answer, not a fault.
        if (!result.ok) options.log.debug({ network: link.network, where, failure: result.failure.code }, 'unroll: the network refused the link');
        return result;
      } catch (error) {
        const fields =
          error instanceof UpstreamError
            ? { status: error.status, url: error.url, reason: error.message }
            : { reason: error instanceof Error ? error.message : String(error) };
        options.log.warn({ network: link.network, where, ...fields }, 'unroll: upstream fault');
        return fail({ code: 'unroll.unavailable', where });
      }
    },
  };
}
