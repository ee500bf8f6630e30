import type { DeliveryTarget } from './delivery.ts';
import type { Digest } from './digest.ts';
import type { Failure } from './failures.ts';
import type { Result } from './result.ts';
import type { Schedule } from './schedule.ts';

/**
 * What a chat chooses about a subscription's digests: when they come, and which threads they hold.
 * Filters combine: a thread must be in one of `langs` (when any), have `minPosts` posts, mention
 * every `require` word and none of `exclude` (plain words, case and accents ignored), and not be by
 * a `muted` author.
 */
export interface SubscriptionSettings {
  readonly schedule: Schedule;
  /** The one language when `langs` has exactly one (what a store filters on in SQL). */
  readonly lang?: string | undefined;
  /** Every language accepted (ISO 639-1); none means all. */
  readonly langs?: readonly string[] | undefined;
  readonly minPosts?: number | undefined;
  readonly require?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
  /** Authors left out, as unambiguous references (`authorRefOf`) or as typed (`@alice`). */
  readonly muted?: readonly string[] | undefined;
}

/** The author an author subscription follows (`/subscribe @handle`). */
export interface FollowedAuthor {
  /** `authorKey(source, id)`. */
  readonly key: string;
  /** How lists name them: `authorRefOf`. */
  readonly ref: string;
  readonly name: string;
}

/**
 * A chat's standing order for the digest of one hashtag, or of one author: where it goes (platform,
 * chat, topic), when (a schedule), and what it holds (see SubscriptionSettings). A paused
 * subscription is kept, with the reason, until someone removes or renews it.
 */
export interface Subscription extends SubscriptionSettings {
  readonly id: number;
  readonly target: DeliveryTarget;
  /** The hashtag; for an author subscription `@` and the author's key (what keeps it unique per chat). */
  readonly tag: string;
  readonly author?: FollowedAuthor | undefined;
  readonly createdAt: Date;
  readonly pausedAt?: Date | undefined;
  readonly pausedReason?: string | undefined;
}

export interface NewSubscription extends SubscriptionSettings {
  readonly target: DeliveryTarget;
  readonly tag: string;
  /** Who asked for it (`<platform>:<user id>`), for the per-person cap; the operator's CLI names no one. */
  readonly createdBy?: string | undefined;
  readonly author?: FollowedAuthor | undefined;
}

/** The `tag` an author subscription is stored under: no hashtag starts with `@`. */
export function authorSubscriptionTag(key: string): string {
  return `@${key}`;
}

/** Which subscriptions to list: one chat's (all its topics), only active ones, or every one. */
export interface SubscriptionFilter {
  readonly platform?: string | undefined;
  readonly chatId?: string | undefined;
  readonly activeOnly?: boolean;
}

/**
 * How far subscriptions may go. `maxPerChat` counts a chat's subscriptions (all its topics);
 * `maxPerUser` the active ones its creator made anywhere; `maxFollowedTags` the distinct hashtags
 * all active subscriptions follow — each is polled on every source, so it is what the upstreams cost.
 */
export interface SubscriptionLimits {
  readonly maxPerChat: number;
  readonly maxPerUser?: number | undefined;
  readonly maxFollowedTags?: number | undefined;
}

/** Managing subscriptions: what the chat commands and the operator CLI need. */
export interface SubscriptionStore {
  /**
   * Adds a subscription, or renews a paused one for the same target and tag (new schedule,
   * pause cleared). Fails with `subscription.exists` for an active one, `subscription.limit` when
   * the chat (all its topics) already has `maxPerChat`, `subscription.user-limit` when its creator
   * has `maxPerUser` active ones, `subscription.tag-limit` when the tag is not followed yet and
   * `maxFollowedTags` are; the checks and the write are atomic.
   */
  add(input: NewSubscription, limits: SubscriptionLimits): Promise<Result<{ subscription: Subscription; renewed: boolean }, Failure>>;
  /** Removes by id; returns what was removed. Its ledger rows go with it. */
  remove(id: number): Promise<Subscription | undefined>;
  /** The subscription of this target (chat + topic) to `tag`, if any. */
  find(target: DeliveryTarget, tag: string): Promise<Subscription | undefined>;
  /** Replaces the settings of subscription `id` (its target, tag and pause stay); undefined when there is none. */
  update(id: number, settings: SubscriptionSettings): Promise<Subscription | undefined>;
  list(filter?: SubscriptionFilter): Promise<readonly Subscription[]>;
}

/** What delivery outcomes do to subscriptions: the scheduler's only writes to them. */
export interface SubscriptionLifecycle {
  /** Pauses every subscription of the chat (all topics): the chat blocked or removed the bot. */
  pauseChat(platform: string, chatId: string, reason: string, at: Date): Promise<number>;
  pause(id: number, reason: string, at: Date): Promise<void>;
  /** The chat has a new id (a group upgraded to a supergroup): its subscriptions follow it. */
  moveChat(platform: string, fromChatId: string, toChatId: string): Promise<number>;
}

/** For the pollers: every hashtag some active subscription follows, so every source fetches it (author subscriptions are not hashtags). */
export interface FollowedTags {
  followedTags(): Promise<readonly string[]>;
}

/** Subscriptions as one store: the commands' and the CLI's, the scheduler's lifecycle, the pollers' tag list. */
export type Subscriptions = SubscriptionStore & SubscriptionLifecycle & FollowedTags;

export type LedgerState = 'sending' | 'sent' | 'failed' | 'gone' | 'abandoned' | 'released';

/**
 * One row per (subscription, period): the digest prepared for it (kept so that a retry sends the
 * same thing), and where its delivery stands. `sent` is final; every other state is owed.
 */
export interface LedgerEntry {
  readonly id: number;
  readonly subscriptionId: number;
  readonly period: string;
  readonly state: LedgerState;
  readonly attempts: number;
  readonly lastError?: string | undefined;
  readonly nextAttemptAt?: Date | undefined;
  /** Who holds the row while `sending`, and until when (a crashed holder's lease is taken over). */
  readonly owner?: string | undefined;
  readonly leaseUntil?: Date | undefined;
  readonly since: Date;
  readonly until: Date;
  readonly digest?: Digest | undefined;
  readonly threadIds: readonly string[];
  readonly messages: number;
  readonly sentAt?: Date | undefined;
}

export interface ClaimInput {
  readonly subscriptionId: number;
  readonly period: string;
  readonly since: Date;
  readonly until: Date;
  readonly digest: Digest;
  readonly threadIds: readonly string[];
}

/**
 * The delivery ledger. `claim` is a compare-and-set: of two schedulers sharing a database, one
 * gets the row and the other gets undefined; a claim counts an attempt before anything is sent,
 * so a crash loop still ends in `abandoned`.
 */
export interface DeliveryLedger {
  get(subscriptionId: number, period: string): Promise<LedgerEntry | undefined>;
  /** Inserts the row (first attempt) or takes it over (a retry: `expected` is the row as read). */
  claim(input: ClaimInput, owner: string, leaseUntil: Date, expected: LedgerEntry | undefined): Promise<LedgerEntry | undefined>;
  /** Records an attempt's end. Only the claim holder's attempt is recorded (same `attempts`). */
  settle(entry: LedgerEntry, result: LedgerSettlement, at: Date): Promise<boolean>;
  /** Where the next digest of this subscription starts: the end of its last sent one. */
  lastSentUntil(subscriptionId: number): Promise<Date | undefined>;
  /** Threads this target got (or is getting) from its other subscriptions since `since`: shown once a day. */
  recentThreadIds(target: DeliveryTarget, since: Date, exceptSubscriptionId: number): Promise<ReadonlySet<string>>;
  /**
   * When this target (chat + topic) was last sent each of `threadIds`, by any of its subscriptions, in
   * deliveries made since `since`: the end (`until`) of the latest sent delivery holding it. Threads
   * not sent there in that time are absent.
   */
  lastShown(target: DeliveryTarget, threadIds: readonly string[], since: Date): Promise<ReadonlyMap<string, Date>>;
  /**
   * Live deliveries (periods starting with `L`) to the target's chat, every topic, created at or after
   * `since`, except those given up: what the live rate cap counts.
   */
  liveDeliveriesSince(target: DeliveryTarget, since: Date): Promise<number>;
}

export type LedgerSettlement =
  | { readonly state: 'sent'; readonly messages: number }
  | { readonly state: 'failed'; readonly error: string; readonly nextAttemptAt: Date }
  | { readonly state: 'gone' | 'abandoned'; readonly error: string }
  /** Shutdown before an answer: the row is owed, and free for the next run at once. */
  | { readonly state: 'released'; readonly error: string };

/**
 * The key a platform dedupes on for one (subscription, period): at most 25 characters, the shortest
 * idempotency key a platform accepts (a message nonce). `d12-202611230900`.
 */
export function idempotencyKey(subscriptionId: number, period: string): string {
  return `d${subscriptionId}-${period.replace(/[-T:]/gu, '')}`;
}

/** Same chat, same topic: where a digest lands. */
export function sameTarget(a: DeliveryTarget, b: DeliveryTarget): boolean {
  return a.platform === b.platform && a.chatId === b.chatId && (a.topicId ?? '') === (b.topicId ?? '');
}
