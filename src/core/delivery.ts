import type { Digest } from './digest.ts';
import type { Presentation } from './settings-commands.ts';

/**
 * Delivery of digests to chats: the port every platform's publisher implements and the scheduler
 * drives. A publisher renders the digest in its own format, splits it within its platform's limits,
 * respects the platform's rate limits, and reports a typed outcome; it never throws for a platform
 * answer (only for its own bugs).
 */

/** A platform's id in the registry (src/platforms/index.ts). */
export type ChatPlatform = string;

export interface DeliveryTarget {
  readonly platform: ChatPlatform;
  /** The chat in the platform's own syntax (a numeric chat id, a channel id, a webhook URL). */
  readonly chatId: string;
  /** A topic inside the chat (a forum topic), where the platform has them. */
  readonly topicId?: string | undefined;
}

export interface DigestDelivery {
  readonly target: DeliveryTarget;
  readonly digest: Digest;
  /**
   * Stable for one subscription and period (e.g. "sub-12:2026-11-23"): a retry of the same delivery
   * carries the same key, so a platform that supports one (a message nonce) never posts twice.
   */
  readonly idempotencyKey: string;
  /** Send a short "nothing new" note when the digest is empty; otherwise an empty digest is not sent. */
  readonly sendWhenEmpty?: boolean;
  /** The chat's language, pictures and sensitive-content choice; the defaults when absent. */
  readonly presentation?: Presentation | undefined;
}

export type DeliveryOutcome =
  /** Delivered (or nothing to deliver). `movedTo`: the chat has a new id (a group upgraded to a supergroup). */
  | { readonly status: 'sent'; readonly messages: number; readonly movedTo?: string | undefined }
  /** The chat is gone for us (blocked, kicked, unknown channel, missing access): pause, do not retry. */
  | { readonly status: 'gone'; readonly reason: string }
  /** Did not go through this time (5xx, timeouts, 429 beyond patience): try again later. */
  | { readonly status: 'failed'; readonly reason: string; readonly retryAfterMs?: number | undefined };

/**
 * How the scheduler paces one platform's sends. `concurrency`: sends in flight at once. `gate`: on a
 * platform without idempotency keys a message it accepted but the ledger has not yet recorded is sent
 * again after a crash; a gate starts each send only once the previous one is recorded (or has been out
 * `holdMs`), and `minIntervalMs` after it, so that a crash re-sends at most one message.
 */
export interface DeliveryPacing {
  readonly concurrency: number;
  readonly gate?: { readonly minIntervalMs: number; readonly holdMs: number } | undefined;
}

export interface DigestPublisher {
  readonly platform: ChatPlatform;
  readonly pacing: DeliveryPacing;
  publish(delivery: DigestDelivery): Promise<DeliveryOutcome>;
}

/** The few logging calls every layer makes; pino's logger satisfies it. */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
