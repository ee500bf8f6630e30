import type { ChatSettings } from './chat-settings.ts';
import type { Digest, ThreadSummary } from './digest.ts';
import type { Failure } from './failures.ts';
import type { Message } from './i18n.ts';
import type { TagCount } from './ports.ts';
import type { Sort } from './rank.ts';
import type { StoredThread } from './thread.ts';
import type { Withheld } from './withhold.ts';

/**
 * What a chat command answers, before any platform renders it. Each front end turns a reply into
 * its own format (HTML, embeds, console text) and never has to re-run the query.
 */
export type Reply =
  | {
      readonly kind: 'threads';
      readonly tag: string;
      readonly sort: Sort;
      readonly lang?: string | undefined;
      readonly items: readonly ThreadSummary[];
      /** The threads themselves, for front ends that print them whole (the CLI's --json). */
      readonly threads: readonly StoredThread[];
      readonly total: number;
      /** Where this page started (undefined: the first page) and where the next one starts. */
      readonly cursor?: string | undefined;
      readonly nextCursor: string | null;
      /** Threads of this page the chat does not get (sensitive with `skip`, age-restricted here). */
      readonly withheld?: Withheld | undefined;
    }
  | { readonly kind: 'related'; readonly tag: string; readonly related: readonly TagCount[] }
  | {
      readonly kind: 'search';
      readonly words: string;
      /** The hashtag the search was limited to, if any. */
      readonly tag?: string | undefined;
      readonly cursor?: string | undefined;
      readonly items: readonly ThreadSummary[];
      readonly threads: readonly StoredThread[];
      readonly total: number;
      readonly nextCursor: string | null;
      readonly withheld?: Withheld | undefined;
    }
  | { readonly kind: 'digest'; readonly digest: Digest }
  | { readonly kind: 'help'; readonly commands: readonly CommandHelp[] }
  /** A short confirmation (subscribed, unsubscribed …) with no structure worth rendering: a message to translate. */
  | { readonly kind: 'notice'; readonly message: Message }
  | { readonly kind: 'subscriptions'; readonly subscriptions: readonly SubscriptionView[] }
  /** The chat's settings, after a change (`changed`) or as asked. */
  | { readonly kind: 'settings'; readonly settings: ChatSettings; readonly changed: boolean }
  /** A mistake or a refusal; front ends say it with `describeFailure` in the chat's language. */
  | { readonly kind: 'failure'; readonly failure: Failure };

/** A command as /help lists it (generated from its definition). */
export interface CommandHelp {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
}

/** A subscription as a chat lists it. */
export interface SubscriptionView {
  readonly id: number;
  readonly tag: string;
  /** "09:00 Europe/Oslo" or the operator's cron expression. */
  readonly schedule: string;
  readonly paused: boolean;
  readonly pausedReason?: string | undefined;
}
