/**
 * Discord's rate limits as the fake applies them: a bucket per route and major parameter with
 * `X-RateLimit-*` headers on every answer, a 50 requests/s global limit (interaction callbacks
 * exempt), and forced 429s on demand. A request that arrives while a 429 is still in force is
 * answered 429 again and counted in `earlyRequests`: a client that does not wait shows up there.
 */
import { createHash } from 'node:crypto';

/** Discord names buckets by an opaque hash, shared by routes of one bucket (the major parameter is not part of it). */
const hashOf = (bucket: string): string => createHash('sha1').update(bucket.split(' ').slice(0, 2).join(' ')).digest('hex').slice(0, 16);

export interface ForcedFailure {
  readonly status: number;
  /** Seconds, as Discord's `retry_after` (a float). */
  readonly retryAfter?: number;
  readonly global?: boolean;
  readonly code?: number;
  readonly message?: string;
  /** Only requests whose `METHOD path` matches; the next request of any route otherwise. */
  readonly route?: RegExp;
}

export interface LimitAnswer {
  readonly status: 429;
  readonly headers: Record<string, string>;
  readonly body: { message: string; retry_after: number; global: boolean; code?: number };
}

interface Window {
  count: number;
  resetAt: number;
}

export function createRateLimits(options: { enforce: boolean; bucketLimit: number; bucketWindowMs: number; globalPerSecond: number }) {
  const buckets = new Map<string, Window>();
  const blockedUntil = new Map<string, number>();
  let global: Window = { count: 0, resetAt: 0 };
  let earlyRequests = 0;

  function window(existing: Window | undefined, now: number, ms: number): Window {
    return existing && existing.resetAt > now ? existing : { count: 0, resetAt: now + ms };
  }

  function tooMany(retryAfterS: number, isGlobal: boolean, bucket: string): LimitAnswer {
    const headers: Record<string, string> = {
      'retry-after': String(Math.ceil(retryAfterS)),
      'x-ratelimit-scope': isGlobal ? 'global' : 'user',
    };
    if (isGlobal) headers['x-ratelimit-global'] = 'true';
    else {
      headers['x-ratelimit-limit'] = String(options.bucketLimit);
      headers['x-ratelimit-remaining'] = '0';
      headers['x-ratelimit-reset-after'] = retryAfterS.toFixed(3);
      headers['x-ratelimit-bucket'] = hashOf(bucket);
    }
    return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: retryAfterS, global: isGlobal } };
  }

  return {
    get earlyRequests(): number {
      return earlyRequests;
    },
    /** Blocks `bucket` (or everything, when global) for `retryAfter` seconds and answers the 429. */
    force(bucket: string, retryAfterS: number, isGlobal: boolean): LimitAnswer {
      blockedUntil.set(isGlobal ? '*' : bucket, Date.now() + retryAfterS * 1000);
      return tooMany(retryAfterS, isGlobal, bucket);
    },
    /** Counts one request; a 429 answer when it must be refused, else the headers to send. */
    take(bucket: string, exemptFromGlobal: boolean): { limited: LimitAnswer } | { headers: Record<string, string> } {
      const now = Date.now();
      for (const key of ['*', bucket]) {
        const until = blockedUntil.get(key) ?? 0;
        if (until > now) {
          earlyRequests++;
          return { limited: tooMany((until - now) / 1000, key === '*', bucket) };
        }
      }
      const b = window(buckets.get(bucket), now, options.bucketWindowMs);
      buckets.set(bucket, b);
      if (!exemptFromGlobal) {
        global = window(global, now, 1000);
        global.count++;
        if (options.enforce && global.count > options.globalPerSecond) return { limited: tooMany((global.resetAt - now) / 1000, true, bucket) };
      }
      b.count++;
      if (options.enforce && b.count > options.bucketLimit) return { limited: tooMany((b.resetAt - now) / 1000, false, bucket) };
      const headers = {
        'x-ratelimit-limit': String(options.bucketLimit),
        'x-ratelimit-remaining': String(Math.max(0, options.bucketLimit - b.count)),
        'x-ratelimit-reset': (b.resetAt / 1000).toFixed(3),
        'x-ratelimit-reset-after': ((b.resetAt - now) / 1000).toFixed(3),
        'x-ratelimit-bucket': hashOf(bucket),
      };
      return { headers };
    },
  };
}
