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
  | { readonly code: 'author.invalid'; readonly input: string }
  | { readonly code: 'author.unknown'; readonly input: string }
  /** Several authors have that handle: `refs` are the unambiguous ways to name each. */
  | { readonly code: 'author.ambiguous'; readonly input: string; readonly refs: readonly string[] }
  | { readonly code: 'unroll.missing' }
  | { readonly code: 'unroll.unsupported'; readonly input: string }
  /** A message (several words) with no link in it. */
  | { readonly code: 'unroll.no-link' }
  /** The network says the post does not exist (deleted, or never did). `where`: the network or instance. */
  | { readonly code: 'unroll.not-found'; readonly where: string }
  /** The post exists but is not public (protected account, followers-only, blocked). */
  | { readonly code: 'unroll.private'; readonly where: string }
  /** The instance shows posts only to logged-in users (Mastodon's 401). */
  | { readonly code: 'unroll.login-required'; readonly where: string }
  | { readonly code: 'unroll.not-configured'; readonly network: string }
  /** The network did not answer usefully (down, rate-limited, not the server it claims to be). */
  | { readonly code: 'unroll.unavailable'; readonly where: string }
  /** An address Spool refuses to fetch from (loopback, private networks, plain http). */
  | { readonly code: 'unroll.blocked-host'; readonly where: string }
  /** The post answers somebody else: it starts no thread of its author's. */
  | { readonly code: 'unroll.not-a-thread' }
  | { readonly code: 'thread.unknown'; readonly id: string }
  | { readonly code: 'option.unknown'; readonly input: string }
  | { readonly code: 'weekday.invalid'; readonly input: string }
  | { readonly code: 'lang.invalid'; readonly input: string }
  | { readonly code: 'min.invalid'; readonly input: string }
  | { readonly code: 'word.invalid'; readonly input: string }
  | { readonly code: 'word.conflict'; readonly word: string }
  | { readonly code: 'live.invalid'; readonly input: string }
  | { readonly code: 'mute.invalid'; readonly input: string }
  | { readonly code: 'cadence.conflict'; readonly input: string }
  /** A button whose code Spool did not make, or whose tag or stored key is gone. */
  | { readonly code: 'button.expired' }
  | { readonly code: 'internal' };

export type FailureCode = Failure['code'];
