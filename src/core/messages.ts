import type { Failure } from './failures.ts';
import { wording } from './wording.ts';

/**
 * The one place where failures become sentences a person reads, in every front end
 * (chat, CLI, web). One clear sentence each: what was wrong and what to do instead.
 */
export function describeFailure(failure: Failure): string {
  switch (failure.code) {
    case 'hashtag.missing':
      return 'Name a hashtag, for example: /threads xinjiang';
    case 'hashtag.invalid':
      switch (failure.reason) {
        case 'empty':
          return 'That hashtag is empty: name one, for example #xinjiang.';
        case 'too-long':
          return `“${clip(failure.input)}” is too long for a hashtag (100 characters at most).`;
        case 'characters':
          return `“${clip(failure.input)}” is not a hashtag: use letters, digits and _ only, like #xinjiang or #可可托海.`;
      }
      return 'That is not a hashtag.';
    case 'hashtag.unknown':
      return failure.closest.length > 0
        ? `No threads about #${failure.tag} yet. Closest known: ${failure.closest.map((t) => `#${t}`).join(', ')}.`
        : `No threads about #${failure.tag} yet.`;
    case 'search.missing':
      return 'Say what to search for, for example: /search cotton harvest';
    case 'search.invalid':
      return `Nothing can be searched for in “${clip(failure.input)}”: use words of at least one letter or digit.`;
    case 'sort.invalid':
      return `“${clip(failure.input)}” is not a sort order: use recent or best.`;
    case 'command.unknown':
      return `/${clip(failure.command)} is not a command here; /help lists them.`;
    case 'command.unsupported':
      return `/${clip(failure.command)} is not available in this chat.`;
    case 'time.invalid':
      return `“${clip(failure.input)}” is not a time of day: use HH:MM on a 24-hour clock, like 09:00.`;
    case 'timezone.invalid':
      return `“${clip(failure.input)}” is not a time zone: use an IANA name like Europe/Oslo or UTC.`;
    case 'cron.invalid':
      return `“${clip(failure.input)}” is not a cron expression: use five fields, like "0 9 * * 1-5".`;
    case 'subscription.not-admin':
      return 'Only administrators of this chat can change its subscriptions.';
    case 'chat.bot-cannot-post':
      return 'I cannot post in that chat: give me the right to see it, send messages and embed links there, then subscribe again.';
    case 'subscription.limit':
      return `This chat already has ${failure.limit} subscriptions, the most allowed: /unsubscribe one first.`;
    case 'subscription.tag-limit':
      return `Spool already follows ${failure.limit} hashtags, the most its operator allows: subscribe to one it follows already, or ask the operator.`;
    case 'subscription.user-limit':
      return `You already have ${failure.limit} subscriptions, the most one person may have: /unsubscribe one first.`;
    case 'subscription.not-allowed':
      return `#${failure.tag} is not among the hashtags this Spool offers; its operator chooses them.`;
    case 'subscription.exists':
      return `This chat already follows #${failure.tag}; /unsubscribe ${failure.tag} first to change its time.`;
    case 'subscription.unknown':
      return `This chat does not follow ${failure.tag.startsWith('@') ? '' : '#'}${failure.tag}; /subscriptions lists what it follows.`;
    case 'author.invalid':
      return `“${clip(failure.input)}” is not a handle: write it like @steppe_notes, @alice@mastodon.social, @x.com/alice or @alice.bsky.social.`;
    case 'author.unknown':
      return `No threads by ${clip(failure.input)} are stored yet; /unroll a link to one of their posts to add one.`;
    case 'author.ambiguous':
      return `Several authors are called ${clip(failure.input)}: say which one, ${failure.refs.slice(0, 5).map((r) => `@${r}`).join(' or ')}.`;
    case 'unroll.missing':
      return 'Send the link of a post, for example: /unroll https://mastodon.social/@user/113456789012345678';
    case 'unroll.unsupported':
      return `“${clip(failure.input)}” is not a post link Spool can unroll: use a link to a post on X, Mastodon or Bluesky (bsky.app).`;
    case 'unroll.no-link':
      return 'That message holds no link to a post: Spool unrolls links to posts on X, Mastodon or Bluesky (bsky.app).';
    case 'unroll.not-found':
      return `${failure.where} shows no such post: it was deleted or is not public, or the link is mistyped.`;
    case 'unroll.private':
      return `That post on ${failure.where} is not public (a protected or followers-only account), so Spool cannot unroll it.`;
    case 'unroll.login-required':
      return `${failure.where} shows its posts only to logged-in users, so Spool cannot unroll them.`;
    case 'unroll.not-configured':
      return `This Spool is not set up to read ${failure.network} (it has no API access there); links from the other networks work.`;
    case 'unroll.unavailable':
      return `${failure.where} did not answer as expected; it has been logged, please try again in a few minutes.`;
    case 'unroll.blocked-host':
      return `Spool does not fetch from ${failure.where}: only public servers over https.`;
    case 'unroll.not-a-thread':
      return 'That post answers someone else’s, so it starts no thread of its own: link the first post of the thread instead.';
    case 'thread.unknown':
      return `No thread “${clip(failure.id)}” is stored here; send its link with /unroll.`;
    case 'option.unknown':
      return `“${clip(failure.input)}” is not a subscription option: use HH:MM, a time zone, daily, weekly DAY, hourly, live, lang:, min:, +word, -word or mute:@handle.`;
    case 'weekday.invalid':
      return `“${clip(failure.input)}” is not a day of the week: use mon, tue, wed, thu, fri, sat or sun, like weekly mon 09:00.`;
    case 'lang.invalid':
      return `“${clip(failure.input)}” is not a list of languages: use two-letter codes separated by commas, like lang:en,fr (lang:any for all).`;
    case 'min.invalid':
      return `“${clip(failure.input)}” is not a minimum: use a whole number of posts from 1 to 1000, like min:3.`;
    case 'word.invalid':
      return `“${clip(failure.input)}” is not a plain word: use letters and digits only, like +cotton or -football (no patterns).`;
    case 'word.conflict':
      return `“${clip(failure.word)}” cannot be both required and excluded: keep +${clip(failure.word)} or -${clip(failure.word)}.`;
    case 'live.invalid':
      return `“${clip(failure.input)}” is not a rate: use live, or live:N for at most N threads an hour (1 to 60).`;
    case 'mute.invalid':
      return `“${clip(failure.input)}” names no author to mute: use mute:@handle (mute:none to clear).`;
    case 'cadence.conflict':
      return `“${clip(failure.input)}” asks for two cadences at once: choose one of daily, weekly, hourly or live.`;
    case 'button.expired':
      return wording.buttonExpired();
    case 'internal':
      return 'Something went wrong on our side; it has been logged. Please try again in a minute.';
  }
}

/** Echoed input is shortened so that a pasted novel does not come back as the error. */
function clip(input: string): string {
  const chars = [...input];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : input;
}
