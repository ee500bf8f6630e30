import type { Digest } from './digest.ts';

/**
 * Delivery of digests to chats: the port every platform's publisher implements and the scheduler
 * drives. A publisher renders the digest in its own format, splits it within its platform's limits,
 * respects the platform's rate limits, and reports a typed outcome; it never throws for a platform
 * answer (only for its own bugs).
 */

export type ChatPlatform = 'telegram' | 'discord' | 'console';

export interface DeliveryTarget {
  readonly platform: ChatPlatform;
  /** Telegram chat id, Discord channel id. */
  readonly chatId: string;
  /** Telegram forum topic (message_thread_id); unused on Discord, where a forum channel gets a new post. */
  readonly topicId?: string | undefined;
}

export interface DigestDelivery {
  readonly target: DeliveryTarget;
  readonly digest: Digest;
  /**
   * Stable for one subscription and period (e.g. "sub-12:2026-11-23"): a retry of the same delivery
   * carries the same key, so a platform that supports it (Discord's nonce) never posts twice.
   */
  readonly idempotencyKey: string;
  /** Send a short "nothing new" note when the digest is empty; otherwise an empty digest is not sent. */
  readonly sendWhenEmpty?: boolean;
}

export type DeliveryOutcome =
  /** Delivered (or nothing to deliver). `movedTo`: the chat has a new id (Telegram supergroup upgrade). */
  | { readonly status: 'sent'; readonly messages: number; readonly movedTo?: string | undefined }
  /** The chat is gone for us (blocked, kicked, unknown channel, missing access): pause, do not retry. */
  | { readonly status: 'gone'; readonly reason: string }
  /** Did not go through this time (5xx, timeouts, 429 beyond patience): try again later. */
  | { readonly status: 'failed'; readonly reason: string; readonly retryAfterMs?: number | undefined };

export interface DigestPublisher {
  readonly platform: ChatPlatform;
  publish(delivery: DigestDelivery): Promise<DeliveryOutcome>;
}

/** The few logging calls every layer makes; pino's logger satisfies it. */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
