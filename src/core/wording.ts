import type { ChatSettings, SensitiveMode } from './chat-settings.ts';
import type { HeldBack } from './curate.ts';
import type { Digest } from './digest.ts';
import type { SubscriptionView } from './replies.ts';
import type { Withheld } from './withhold.ts';
import type { Sort } from './rank.ts';

/**
 * The sentences of replies, in one place for every platform (failures are in messages.ts). Each
 * returns plain text; a platform escapes it for its format (HTML, markdown) and may
 * wrap it (bold headers), but never rewords it. Ready for a translation catalogue: one entry per key.
 */
export const wording = {
  threadsHeader: (p: { tag: string; sort: Sort; total: number }) =>
    `Threads about #${p.tag} — ${p.sort === 'best' ? 'best' : 'most recent'} (${p.total})`,
  threadsNone: (p: { tag: string; lang?: string | undefined }) => `No threads about #${p.tag}${p.lang ? ` in ${p.lang}` : ''} yet.`,
  threadsNoMore: (p: { tag: string }) => `No more threads about #${p.tag}.`,
  relatedHeader: (p: { tag: string }) => `Related to #${p.tag}`,
  relatedNone: (p: { tag: string }) => `No hashtags appear together with #${p.tag} yet.`,
  relatedTapHint: () => 'tap one for its threads',
  searchHeader: (p: { words: string; total: number }) => `Threads mentioning “${p.words}” (${p.total})`,
  searchNone: (p: { words: string }) => `No threads mention “${p.words}”.`,
  digestNothingNew: (p: { since: string }) => `Nothing new since ${p.since.slice(0, 16).replace('T', ' ')} UTC.`,
  helpIntro: () => 'Spool collects social-media threads by hashtag.',
  helpReader: () => 'Read whole threads on the web:',
  subscriptionsHeader: () => 'Subscriptions',
  subscriptionsNone: () => 'This chat follows no hashtags yet: /subscribe <hashtag> [HH:MM] [zone].',
  subscriptionLine: (s: SubscriptionView) =>
    `#${s.tag} at ${s.schedule}${s.paused ? ` (paused${s.pausedReason ? `: ${s.pausedReason}` : ''})` : ''}`,
  subscribed: (p: { tag: string; when: string; renewed: boolean; fresh: boolean }) =>
    p.fresh
      ? `${p.renewed ? 'Resumed' : 'Subscribed to'} #${p.tag}: a digest every day at ${p.when}. No threads about #${p.tag} yet; Spool now follows it on every source.`
      : `${p.renewed ? 'Resumed' : 'Subscribed to'} #${p.tag}: a digest every day at ${p.when} with the threads that are new or have grown.`,
  unsubscribed: (p: { tag: string }) => `Unsubscribed from #${p.tag}: no more digests of it here.`,
  buttonExpired: () => 'This button no longer works (its hashtag is gone): send the command again.',
  notACommand: () => 'Commands start with /; /help lists them.',
  moreHint: () => '/more for the next page',
  moreNothing: () => 'Nothing to page through yet: ask /threads <hashtag> first.',
  moreLast: (p: { tag: string }) => `That was the last page of #${p.tag}.`,
  pageNext: () => 'Next ▶',
  pageFirst: () => '⏮ First',
  sortRecent: () => 'Recent',
  sortBest: () => 'Best',
  settingsHeader: (p: { changed: boolean }) => (p.changed ? 'Saved. This chat’s settings:' : 'This chat’s settings:'),
  settingsMedia: (p: { on: boolean }) => `Pictures: ${p.on ? 'on' : 'off'}`,
  settingsSensitive: (p: { mode: SensitiveMode }) =>
    `Sensitive threads: ${p.mode === 'show' ? 'shown as they are' : p.mode === 'spoiler' ? 'behind a spoiler, the warning in the clear' : 'left out'}`,
  settingsLanguage: (p: { language?: string | undefined }) => `Language: ${p.language ?? 'automatic (the language of your app or server)'}`,
  settingsThreadLanguages: (p: { languages: readonly string[] }) =>
    `Thread languages: ${p.languages.length === 0 ? 'all alike' : `${p.languages.join(', ')} first; others in one closing line of a digest`}`,
  settingsHint: () => 'Admins change them: /settings media on|off · /settings sensitive show|spoiler|skip · /settings languages en,fr|all · /language fr|it|de|en|auto',
  contentWarning: (p: { warning?: string | undefined }) => (p.warning ? `⚠️ Content warning: ${p.warning}` : '⚠️ Sensitive content'),
  pictureAlt: (p: { alt?: string | undefined }) => `🖼 ${p.alt ?? 'Picture (no description given)'}`,
  pictureHidden: () => '🖼 Picture hidden (sensitive)',
  heldBackHashtags: (p: { count: number; max: number }) => `${p.count === 1 ? '1 thread' : `${p.count} threads`} with more than ${p.max} hashtags`,
  heldBackPerAuthor: (p: { count: number; max: number }) => `${p.count} beyond ${p.max} per author`,
  heldBack: (p: { reasons: string }) => `Held back: ${p.reasons}.`,
  alsoOn: () => 'Also on',
  similarPosts: (p: { count: number }) => `and ${p.count === 1 ? '1 similar post' : `${p.count} similar posts`}`,
  withheldSensitive: (p: { count: number }) => `${p.count === 1 ? '1 sensitive thread' : `${p.count} sensitive threads`} left out (this chat’s setting).`,
  withheldAgeRestricted: (p: { count: number }) =>
    `${p.count === 1 ? '1 thread for adults' : `${p.count} threads for adults`} withheld: this channel is not age-restricted.`,
} as const;

/** The closing lines that say what a chat did not get, and why. */
export function withheldLines(withheld: Withheld | undefined): string[] {
  if (!withheld) return [];
  return [
    ...(withheld.sensitive > 0 ? [wording.withheldSensitive({ count: withheld.sensitive })] : []),
    ...(withheld.ageRestricted > 0 ? [wording.withheldAgeRestricted({ count: withheld.ageRestricted })] : []),
  ];
}

/** What a digest says after its threads: what was held back or withheld, and why. */
export function digestClosingLines(digest: Pick<Digest, 'withheld' | 'heldBack'>): string[] {
  return [...heldBackLines(digest.heldBack), ...withheldLines(digest.withheld)];
}

/** "Held back: 3 threads with more than 6 hashtags · 2 beyond 2 per author." */
export function heldBackLines(heldBack: HeldBack | undefined): string[] {
  if (!heldBack) return [];
  const reasons = [
    ...(heldBack.hashtags > 0 ? [wording.heldBackHashtags({ count: heldBack.hashtags, max: heldBack.maxHashtags })] : []),
    ...(heldBack.perAuthor > 0 ? [wording.heldBackPerAuthor({ count: heldBack.perAuthor, max: heldBack.maxPerAuthor })] : []),
  ];
  return reasons.length > 0 ? [wording.heldBack({ reasons: reasons.join(' · ') })] : [];
}

/** A chat's settings as the lines `/settings` answers with. */
export function settingsLines(settings: ChatSettings): string[] {
  return [
    wording.settingsMedia({ on: settings.media }),
    wording.settingsSensitive({ mode: settings.sensitive }),
    wording.settingsLanguage({ language: settings.language }),
    wording.settingsThreadLanguages({ languages: settings.threadLanguages }),
  ];
}
