import type { Transformer } from 'grammy';
import type { Log } from '../../core/index.ts';

export interface RetryOptions {
  /** Attempts for 5xx answers and network failures (the first call included). */
  readonly maxAttempts?: number;
  /** First 5xx backoff; doubles each time. */
  readonly backoffMs?: number;
  /** A 429 asking to wait longer than this is handed back to the caller instead of waited out. */
  readonly maxRetryAfterS?: number;
  /** How many 429s in a row are waited out before giving up. */
  readonly max429?: number;
  readonly log?: Log;
}

/** Sending twice is worse than not sending: a lost answer to these may hide a delivered message. */
const NOT_IDEMPOTENT = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'copyMessage', 'forwardMessage']);

type Signal = Parameters<Transformer>[3];

const sleep = (ms: number, signal: Signal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Waits out Telegram's 429 (`parameters.retry_after` seconds, as asked, never sooner) and retries
 * 5xx with exponential backoff. Like @grammyjs/auto-retry, but with a bounded wait for 429, no
 * retry of a failed connection on send methods (that could post twice), and logs without the token.
 * Install it after the throttle so that every retry waits for a fresh slot.
 */
export function retryTransformer(options: RetryOptions = {}): Transformer {
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffMs = options.backoffMs ?? 1000;
  const maxRetryAfterS = options.maxRetryAfterS ?? 60;
  const max429 = options.max429 ?? 10;
  return async (prev, method, payload, signal) => {
    if (method === 'getUpdates') return prev(method, payload, signal); // grammY's polling loop has its own
    let failures = 0;
    let throttled = 0;
    for (;;) {
      let result;
      try {
        result = await prev(method, payload, signal);
      } catch (error) {
        failures += 1;
        if (NOT_IDEMPOTENT.has(method) || failures >= maxAttempts || signal?.aborted) throw error;
        options.log?.warn({ method, attempt: failures }, 'telegram: request failed, retrying');
        await sleep(backoffMs * 2 ** (failures - 1), signal);
        continue;
      }
      if (result.ok) return result;
      const retryAfter = result.parameters?.retry_after;
      if (result.error_code === 429 && retryAfter !== undefined && retryAfter <= maxRetryAfterS && throttled < max429) {
        throttled += 1;
        options.log?.warn({ method, retryAfter, attempt: throttled }, 'telegram: 429, waiting as asked');
        await sleep(retryAfter * 1000, signal);
        if (signal?.aborted) return result;
        continue;
      }
      if (result.error_code >= 500 && failures + 1 < maxAttempts && !signal?.aborted) {
        failures += 1;
        options.log?.warn({ method, status: result.error_code, attempt: failures }, 'telegram: server error, retrying');
        await sleep(backoffMs * 2 ** (failures - 1), signal);
        continue;
      }
      return result;
    }
  };
}
