import { Api } from 'grammy';
import type { Log } from '../../core/index.ts';
import { retryTransformer, type RetryOptions } from './retry.ts';
import { createSendLimiter, throttleTransformer, TELEGRAM_SEND_LIMITS, type SendLimiter, type SendLimits } from './throttle.ts';

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export interface ApiOptions {
  /** Telegram's send limits by default; `false` only for tests that measure something else. */
  readonly limits?: SendLimits | false;
  readonly retry?: Omit<RetryOptions, 'log'>;
}

/**
 * Puts the throttle and the retry on an API object (the bot's own or a standalone one), in the
 * order that matters: the retry is outermost, so every retried call queues for a fresh slot.
 */
export function configureApi(api: Api, log: Log, options: ApiOptions = {}): SendLimiter | undefined {
  const limiter = options.limits === false ? undefined : createSendLimiter(options.limits ?? TELEGRAM_SEND_LIMITS);
  if (limiter) api.config.use(throttleTransformer(limiter));
  api.config.use(retryTransformer({ ...options.retry, log }));
  return limiter;
}

/** A Bot API client without a bot: what a short-lived process needs to send (spool send-digests). */
export function createTelegramApi(input: { token: string; apiRoot?: string | undefined; log: Log } & ApiOptions): Api {
  const api = new Api(input.token, { apiRoot: input.apiRoot ?? DEFAULT_API_ROOT });
  configureApi(api, input.log, input);
  return api;
}
