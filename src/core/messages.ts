import type { Failure } from './failures.ts';
import type { Translator } from './i18n.ts';

/**
 * The one place where failures become sentences a person reads, in every front end (chat, CLI, web),
 * in the reader's language. One clear sentence each: what was wrong and what to do instead.
 */
export function describeFailure(failure: Failure, tr: Translator): string {
  const { t } = tr;
  switch (failure.code) {
    case 'hashtag.missing':
      return t('failure.hashtag.missing');
    case 'hashtag.invalid':
      switch (failure.reason) {
        case 'empty':
          return t('failure.hashtag.empty');
        case 'too-long':
          return t('failure.hashtag.tooLong', { input: clip(failure.input) });
        case 'characters':
          return t('failure.hashtag.characters', { input: clip(failure.input) });
      }
      return t('failure.hashtag.empty');
    case 'hashtag.unknown':
      return failure.closest.length > 0
        ? t('failure.hashtag.unknownClosest', { tag: failure.tag, closest: failure.closest.map((tag) => `#${tag}`).join(', ') })
        : t('failure.hashtag.unknown', { tag: failure.tag });
    case 'search.missing':
      return t('failure.search.missing');
    case 'search.invalid':
      return t('failure.search.invalid', { input: clip(failure.input) });
    case 'sort.invalid':
      return t('failure.sort.invalid', { input: clip(failure.input) });
    case 'command.unknown':
      return t('failure.command.unknown', { command: clip(failure.command) });
    case 'command.unsupported':
      return t('failure.command.unsupported', { command: clip(failure.command) });
    case 'time.invalid':
      return t('failure.time.invalid', { input: clip(failure.input) });
    case 'timezone.invalid':
      return t('failure.timezone.invalid', { input: clip(failure.input) });
    case 'cron.invalid':
      return t('failure.cron.invalid', { input: clip(failure.input) });
    case 'subscription.not-admin':
      return t('failure.subscription.notAdmin');
    case 'chat.bot-cannot-post':
      return t('failure.chat.botCannotPost');
    case 'subscription.limit':
      return t('failure.subscription.limit', { limit: failure.limit });
    case 'subscription.tag-limit':
      return t('failure.subscription.tagLimit', { limit: failure.limit });
    case 'subscription.user-limit':
      return t('failure.subscription.userLimit', { limit: failure.limit });
    case 'subscription.not-allowed':
      return t('failure.subscription.notAllowed', { tag: failure.tag });
    case 'subscription.exists':
      return t('failure.subscription.exists', { tag: failure.tag });
    case 'subscription.unknown':
      return t('failure.subscription.unknown', { subject: failure.tag.startsWith('@') ? failure.tag : `#${failure.tag}` });
    case 'author.invalid':
      return t('failure.author.invalid', { input: clip(failure.input) });
    case 'author.unknown':
      return t('failure.author.unknown', { input: clip(failure.input) });
    case 'author.ambiguous':
      return t('failure.author.ambiguous', { input: clip(failure.input), refs: { list: failure.refs.slice(0, 5).map((r) => `@${r}`), join: 'or' } });
    case 'unroll.missing':
      return t('failure.unroll.missing');
    case 'unroll.unsupported':
      return t('failure.unroll.unsupported', { input: clip(failure.input) });
    case 'unroll.no-link':
      return t('failure.unroll.noLink');
    case 'unroll.not-found':
      return t('failure.unroll.notFound', { where: failure.where });
    case 'unroll.private':
      return t('failure.unroll.private', { where: failure.where });
    case 'unroll.login-required':
      return t('failure.unroll.loginRequired', { where: failure.where });
    case 'unroll.not-configured':
      return t('failure.unroll.notConfigured', { network: failure.network });
    case 'unroll.unavailable':
      return t('failure.unroll.unavailable', { where: failure.where });
    case 'unroll.blocked-host':
      return t('failure.unroll.blockedHost', { where: failure.where });
    case 'unroll.not-a-thread':
      return t('failure.unroll.notAThread');
    case 'thread.unknown':
      return t('failure.thread.unknown', { id: clip(failure.id) });
    case 'option.unknown':
      return t('failure.option.unknown', { input: clip(failure.input) });
    case 'weekday.invalid':
      return t('failure.weekday.invalid', { input: clip(failure.input) });
    case 'lang.invalid':
      return t('failure.lang.invalid', { input: clip(failure.input) });
    case 'min.invalid':
      return t('failure.min.invalid', { input: clip(failure.input) });
    case 'word.invalid':
      return t('failure.word.invalid', { input: clip(failure.input) });
    case 'word.conflict':
      return t('failure.word.conflict', { word: clip(failure.word) });
    case 'live.invalid':
      return t('failure.live.invalid', { input: clip(failure.input) });
    case 'mute.invalid':
      return t('failure.mute.invalid', { input: clip(failure.input) });
    case 'cadence.conflict':
      return t('failure.cadence.conflict', { input: clip(failure.input) });
    case 'button.expired':
      return t('button.expired');
    case 'settings.invalid':
      return t('failure.settings.invalid', { input: clip(failure.input) });
    case 'language.unsupported':
      return t('failure.language.unsupported', { input: clip(failure.input), supported: failure.supported.join(', ') });
    case 'internal':
      return t('failure.internal');
  }
}

/** Echoed input is shortened so that a pasted novel does not come back as the error. */
function clip(input: string): string {
  const chars = [...input];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : input;
}
