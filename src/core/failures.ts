/**
 * Every way a chat command or an import can go wrong that a person should hear about.
 * Identifiers are stable (front ends and tests match on them); wording lives in `messages.ts`.
 */
export type Failure =
  | { readonly code: 'hashtag.missing' }
  | { readonly code: 'hashtag.invalid'; readonly input: string; readonly reason: 'empty' | 'too-long' | 'characters' }
  | { readonly code: 'hashtag.unknown'; readonly tag: string; readonly closest: readonly string[] }
  | { readonly code: 'search.missing' }
  | { readonly code: 'search.invalid'; readonly input: string }
  | { readonly code: 'sort.invalid'; readonly input: string }
  | { readonly code: 'command.unknown'; readonly command: string }
  | { readonly code: 'command.unsupported'; readonly command: string }
  | { readonly code: 'time.invalid'; readonly input: string }
  | { readonly code: 'timezone.invalid'; readonly input: string }
  | { readonly code: 'cron.invalid'; readonly input: string }
  | { readonly code: 'subscription.not-admin' }
  | { readonly code: 'chat.bot-cannot-post' }
  | { readonly code: 'subscription.limit'; readonly limit: number }
  /** Spool follows this many hashtags already, the operator's cap (config subscriptions.maxFollowedTags). */
  | { readonly code: 'subscription.tag-limit'; readonly limit: number }
  /** This person has this many subscriptions already, across chats (config subscriptions.maxPerUser). */
  | { readonly code: 'subscription.user-limit'; readonly limit: number }
  /** The operator's allow-list (config subscriptions.allowedTags) does not name this tag. */
  | { readonly code: 'subscription.not-allowed'; readonly tag: string }
  | { readonly code: 'subscription.exists'; readonly tag: string }
  | { readonly code: 'subscription.unknown'; readonly tag: string }
  | { readonly code: 'settings.invalid'; readonly input: string }
  | { readonly code: 'language.unsupported'; readonly input: string; readonly supported: readonly string[] }
  | { readonly code: 'internal' };

export type FailureCode = Failure['code'];
