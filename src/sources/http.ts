import { clipText, type Clock, type Log } from '../core/index.ts';

/**
 * The one way sources talk HTTP: a timeout on every request, 429 answered by waiting as long as
 * the upstream asks (Retry-After, X's `x-rate-limit-reset` epoch seconds, Mastodon's ISO
 * `X-RateLimit-Reset`), 5xx and network faults retried with bounded exponential backoff and jitter.
 * Waits longer than `maxRateLimitWaitMs` are not slept through: the round gives up on that request
 * with a RateLimitedError, and the next round tries again (cursors unchanged, nothing lost).
 */

/** An upstream answered with a status we do not retry (or stopped answering); `url` never holds a token. */
export class UpstreamError extends Error {
  override readonly name: string = 'UpstreamError';
  constructor(
    readonly source: string,
    readonly url: string,
    readonly status: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source} ${status ?? 'network'} at ${url}: ${message}`, options);
  }
}

/** The poller is shutting down: the request or wait under way was cut short; nothing is retried. */
export class StoppedError extends UpstreamError {
  override readonly name = 'StoppedError';
  constructor(source: string, url: string, options?: { cause?: unknown }) {
    super(source, url, undefined, 'stopped', options);
  }
}

/** 429 with a wait longer than we are willing to sleep in this round. */
export class RateLimitedError extends UpstreamError {
  override readonly name = 'RateLimitedError';
  constructor(
    source: string,
    url: string,
    readonly retryAfterMs: number,
  ) {
    super(source, url, 429, `rate limited, retry in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

export interface HttpOptions {
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Per request, headers to body end. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt for 5xx, network faults and short 429s. */
  readonly retries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A 429 asking for longer than this fails the request instead of sleeping. */
  readonly maxRateLimitWaitMs?: number;
  /** Injected so that tests wait for nothing and can see what would have been waited. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Aborted on shutdown: requests under way and waits end at once with an UpstreamError. */
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body read as UTF-8 (JSON APIs); `bytes` for bodies in other encodings (feeds). */
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly url: string;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Statuses that are an answer rather than a fault (a lookup's 404 "no such post"): returned, not thrown or retried. */
  expect?: readonly number[];
}

export interface HttpClient {
  /** Resolves with 2xx and 304 answers (and `expect`ed ones); throws UpstreamError for everything else, after retries. */
  request(url: string, init?: RequestInit): Promise<HttpResponse>;
  /** Like request, then JSON.parse (an UpstreamError with the status when the body is not JSON). */
  json(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: unknown }>;
  /** Requests sent so far, retries included: the cost of a poll round. */
  readonly requests: number;
}

/** Instances and feed hosts block anonymous clients more readily than named ones. */
export const USER_AGENT = 'Spool/0.1 (hashtag thread digests)';

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits `ms` unless `signal` is aborted first (then rejects). */
function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(new Error('stopped'));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('stopped'));
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });
}

/** Milliseconds the upstream asks us to wait, from whichever header it sent; undefined when none. */
export function rateLimitWaitMs(headers: Headers, now: Date): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now.getTime());
  }
  const reset = headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset');
  if (reset !== null) {
    // X and Bluesky send epoch seconds, Mastodon an ISO time.
    const asNumber = Number(reset);
    const at = Number.isFinite(asNumber) && /^\d+$/u.test(reset.trim()) ? asNumber * 1000 : Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - now.getTime());
  }
  return undefined;
}

/** A URL fit for logs and messages: no credentials, no query values that look like secrets. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/token|key|secret|password|auth/iu.test(key)) parsed.searchParams.set(key, 'redacted');
    }
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}

export function createHttpClient(source: string, options: HttpOptions = {}): HttpClient {
  const doFetch = options.fetch ?? fetch;
  const now = (): Date => options.clock?.now() ?? new Date();
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
  let requests = 0;

  async function attempt(url: string, init: globalThis.RequestInit): Promise<HttpResponse> {
    requests++;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      const headers = { 'user-agent': USER_AGENT, ...(init.headers as Record<string, string> | undefined) };
      const response = await doFetch(url, { ...init, headers, signal, redirect: 'follow' });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, text: new TextDecoder().decode(bytes), bytes, url };
    } catch (cause) {
      if (options.signal?.aborted) throw new StoppedError(source, safeUrl(url), { cause });
      const reason = timeout.aborted ? `no answer within ${timeoutMs} ms` : ((cause as Error).message ?? 'fetch failed');
      throw new UpstreamError(source, safeUrl(url), undefined, reason, { cause });
    }
  }

  async function request(url: string, init: RequestInit = {}): Promise<HttpResponse> {
    const shown = safeUrl(url);
    const { expect = [], ...fetchInit } = init;
    for (let tries = 0; ; tries++) {
      let failure: UpstreamError;
      let waitMs: number;
      try {
        const response = await attempt(url, fetchInit);
        if ((response.status >= 200 && response.status < 300) || response.status === 304 || expect.includes(response.status)) return response;
        if (response.status === 429) {
          const asked = rateLimitWaitMs(response.headers, now()) ?? baseDelayMs * 2 ** tries;
          if (asked > maxRateLimitWaitMs || tries >= retries) throw new RateLimitedError(source, shown, asked);
          options.log?.warn({ source, url: shown, waitMs: asked }, 'rate limited: waiting as the upstream asks');
          await wait(asked, shown);
          continue;
        }
        failure = new UpstreamError(source, shown, response.status, describeBody(response.text, requestSecrets(init)));
        if (response.status < 500) throw failure;
        waitMs = backoff(tries);
      } catch (error) {
        if (!(error instanceof UpstreamError) || error.status !== undefined || error instanceof StoppedError) throw error;
        failure = error;
        waitMs = backoff(tries);
      }
      if (tries >= retries) throw failure;
      options.log?.warn({ source, url: shown, status: failure.status, waitMs }, 'upstream fault: retrying');
      await wait(waitMs, shown);
    }
  }

  async function wait(ms: number, shown: string): Promise<void> {
    try {
      await sleepUnlessAborted(sleep, ms, options.signal);
    } catch (cause) {
      throw new StoppedError(source, shown, { cause });
    }
  }

  function backoff(tries: number): number {
    // Full jitter (AWS architecture blog): spreads retries of many pollers, bounded by maxDelayMs.
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** tries);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  return {
    request,
    async json(url, init) {
      const response = await request(url, init);
      try {
        return { status: response.status, headers: response.headers, body: response.status === 304 ? undefined : JSON.parse(response.text) };
      } catch (cause) {
        throw new UpstreamError(source, safeUrl(url), response.status, 'the answer is not JSON', { cause });
      }
    },
    get requests() {
      return requests;
    },
  };
}

/**
 * What a request carried that must not come back in a message: its Authorization header (and the
 * token in it), and the string values of secret-looking keys of a JSON body (createSession's
 * `password`). A hostile or broken upstream may echo them in its error body (issue 12, item 3).
 */
export function requestSecrets(init: { headers?: Record<string, string>; body?: string }): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    if (name.toLowerCase() !== 'authorization') continue;
    secrets.push(value, value.replace(/^\S+\s+/u, ''));
  }
  if (init.body) {
    try {
      const body = JSON.parse(init.body) as unknown;
      if (body && typeof body === 'object') {
        for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && /password|secret|token|jwt/iu.test(key)) secrets.push(value);
      }
    } catch {
      // not JSON: nothing to pick out
    }
  }
  return secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
}

/** The first words of an error body, for a log line, with the request's own secrets masked. */
export function describeBody(text: string, secrets: readonly string[] = []): string {
  let masked = text;
  for (const secret of secrets) masked = masked.replaceAll(secret, '[redacted]');
  const oneLine = masked.replace(/\s+/gu, ' ').trim();
  return oneLine === '' ? '(empty body)' : clipText(oneLine, 160);
}
