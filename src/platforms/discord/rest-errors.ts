import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { DeliveryOutcome } from '../../core/index.ts';

/**
 * Discord's JSON error codes that mean "this channel is no longer ours to post in": the
 * subscription should be paused, not retried (retrying them counts towards the invalid-request ban).
 */
export const GONE_CODES: ReadonlyMap<number, string> = new Map([
  [10003, 'unknown channel'],
  [50001, 'missing access'],
  [50013, 'missing permissions'],
]);

/** The machine fields of a failed Discord call, for logs. Never includes a URL: webhook URLs carry tokens. */
export interface DiscordFailureFields {
  readonly status?: number;
  readonly code?: number | string;
  readonly method?: string;
  readonly retryAfterMs?: number;
  readonly reason: string;
}

export function describeDiscordError(error: unknown): DiscordFailureFields {
  if (error instanceof DiscordAPIError) {
    return { status: error.status, code: error.code, method: error.method, reason: `discord ${error.status}/${error.code}: ${error.message}` };
  }
  if (error instanceof RateLimitError) {
    return { status: 429, method: error.method, retryAfterMs: Math.max(error.retryAfter, error.timeToReset), reason: 'rate limited beyond patience' };
  }
  if (error instanceof HTTPError) {
    return { status: error.status, method: error.method, reason: `discord ${error.status}` };
  }
  const name = error instanceof Error ? error.name : 'Error';
  return { reason: `${name}: ${error instanceof Error ? error.message : String(error)}` };
}

/** A publish failure as the scheduler's typed outcome: gone (pause), or failed (retry later). */
export function outcomeOf(error: unknown): DeliveryOutcome {
  const fields = describeDiscordError(error);
  if (error instanceof DiscordAPIError && typeof error.code === 'number' && GONE_CODES.has(error.code)) {
    return { status: 'gone', reason: `${GONE_CODES.get(error.code)} (${error.code})` };
  }
  return { status: 'failed', reason: fields.reason, retryAfterMs: fields.retryAfterMs };
}
