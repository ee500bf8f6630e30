import type { Failure } from './failures.ts';

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
      return 'Only administrators of this chat can change its subscriptions and settings.';
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
      return `This chat does not follow #${failure.tag}; /subscriptions lists what it follows.`;
    case 'settings.invalid':
      return `“${clip(failure.input)}” is not a setting: use /settings media on|off, /settings sensitive show|spoiler|skip or /settings languages en,fr|all.`;
    case 'language.unsupported':
      return `“${clip(failure.input)}” is not a language Spool speaks: use one of ${failure.supported.join(', ')} (or auto).`;
    case 'internal':
      return 'Something went wrong on our side; it has been logged. Please try again in a minute.';
  }
}

/** Echoed input is shortened so that a pasted novel does not come back as the error. */
function clip(input: string): string {
  const chars = [...input];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : input;
}
