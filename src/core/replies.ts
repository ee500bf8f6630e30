import type { ChatSettings } from './chat-settings.ts';
import type { AuthorSummary } from './authors.ts';
import type { Digest, ThreadSummary } from './digest.ts';
import type { Failure } from './failures.ts';
import type { Message } from './i18n.ts';
import type { TagCount } from './ports.ts';
import type { Sort } from './rank.ts';
import type { Cadence } from './schedule.ts';
import type { StoredThread, ThreadPost } from './thread.ts';
import type { Withheld } from './withhold.ts';
import type { FilterWords } from './wording.ts';

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
  /** `/threads @handle`: one author's threads, paged like a tag's. */
  | {
      readonly kind: 'author';
      readonly author: AuthorSummary;
      /** `authorRefOf(author)`: how the header names them. */
      readonly ref: string;
      /** Threads of this page the chat does not get (sensitive with `skip`, age-restricted here). */
      readonly withheld?: Withheld | undefined;
      /** What the paging buttons carry: `ref`, or a stored key when it is too long (see ShortRef). */
      readonly buttonRef: string;
      readonly sort: Sort;
      readonly items: readonly ThreadSummary[];
      readonly threads: readonly StoredThread[];
      readonly total: number;
      readonly cursor?: string | undefined;
      readonly nextCursor: string | null;
    }
  | { readonly kind: 'related'; readonly tag: string; readonly related: readonly TagCount[] }
  | {
      readonly kind: 'search';
      readonly words: string;
      /** The hashtag the search was limited to, if any. */
      readonly tag?: string | undefined;
      /** The author (`authorRefOf`) the search was limited to, if any. */
      readonly author?: string | undefined;
      /** The whole query for the paging buttons: the words (and #tag, @author), or a stored key when too long. */
      readonly buttonRef: string;
      readonly cursor?: string | undefined;
      readonly items: readonly ThreadSummary[];
      readonly threads: readonly StoredThread[];
      readonly total: number;
      readonly nextCursor: string | null;
      readonly withheld?: Withheld | undefined;
    }
  | { readonly kind: 'digest'; readonly digest: Digest }
  /** `/unroll`: one page of a whole thread, and what fetching it changed. */
  | {
      readonly kind: 'thread';
      readonly thread: StoredThread;
      /** The posts of this page and the number of the first one (1-based). */
      readonly posts: readonly ThreadPost[];
      readonly first: number;
      readonly page: number;
      readonly pages: number;
      /** The thread's id for the paging buttons, or a stored key when it is too long. */
      readonly buttonRef: string;
      /** The reader's page of the thread, when SPOOL_PUBLIC_URL is set. */
      readonly readerLink?: string | undefined;
      readonly authorLink?: string | undefined;
      /** Set when the answer comes from fetching the link (not from paging): what the fetch changed. */
      readonly update?: { readonly status: 'new' | 'grown' | 'same'; readonly added: number } | undefined;
    }
  | { readonly kind: 'help'; readonly commands: readonly CommandHelp[] }
  /** A short confirmation (subscribed, unsubscribed …) with no structure worth rendering: a message to translate. */
  | { readonly kind: 'notice'; readonly message: Message; readonly more?: readonly Message[] | undefined }
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

/** A subscription as a chat lists it: its filters in `FilterWords`. */
export interface SubscriptionView extends FilterWords {
  readonly id: number;
  readonly tag: string;
  /** `#xinjiang`, or `@x.com/alice` for an author subscription. */
  readonly subject: string;
  /** "09:00 Europe/Oslo" or the operator's cron expression. */
  readonly schedule: string;
  readonly cadence: Cadence;
  readonly paused: boolean;
  readonly pausedReason?: string | undefined;
}
