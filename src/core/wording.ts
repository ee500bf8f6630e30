import type { ChatSettings } from './chat-settings.ts';
import type { HeldBack } from './curate.ts';
import type { Digest } from './digest.ts';
import type { Translator } from './i18n.ts';
import type { SubscriptionView } from './replies.ts';
import type { Sort } from './rank.ts';
import type { Withheld } from './withhold.ts';

/**
 * The sentences of replies for one chat's language: every one a catalogue message (i18n.ts), picked
 * and filled here so that every platform says the same thing. Each returns plain text; a platform
 * escapes it for its format (HTML, markdown) and may wrap it (bold headers), but never rewords it.
 */
export function wordingOf(tr: Translator): Wording {
  let wording = made.get(tr);
  if (!wording) {
    wording = makeWording(tr);
    made.set(tr, wording);
  }
  return wording;
}

/** One wording per translator: renderers ask for it per card. */
const made = new WeakMap<Translator, Wording>();

function makeWording(tr: Translator) {
  const { t } = tr;
  return {
    threadsHeader: (p: { tag: string; sort: Sort; total: number }) =>
      p.sort === 'best' ? t('threads.header.best', { tag: p.tag, total: p.total }) : t('threads.header.recent', { tag: p.tag, total: p.total }),
    threadsNone: (p: { tag: string; lang?: string | undefined }) => (p.lang ? t('threads.noneInLanguage', { tag: p.tag, lang: p.lang }) : t('threads.none', { tag: p.tag })),
    threadsNoMore: (p: { tag: string }) => t('threads.noMore', { tag: p.tag }),
    relatedHeader: (p: { tag: string }) => t('related.header', { tag: p.tag }),
    relatedNone: (p: { tag: string }) => t('related.none', { tag: p.tag }),
    relatedTapHint: () => t('related.tapHint'),
    searchHeader: (p: { words: string; total: number }) => t('search.header', { words: p.words, total: p.total }),
    searchNone: (p: { words: string }) => t('search.none', { words: p.words }),
    digestTitle: (p: Pick<Digest, 'tag' | 'until'>) => t('digest.title', { tag: p.tag, day: p.until.slice(0, 10) }),
    digestCount: (count: number) => t('digest.count', { count }),
    digestNothingNew: (p: { since: string }) => t('digest.nothingNew', { since: p.since.slice(0, 16).replace('T', ' ') }),
    helpIntro: () => t('help.intro'),
    helpReader: () => t('help.reader'),
    helpCommands: () => t('help.commands'),
    subscriptionsHeader: () => t('subscriptions.header'),
    subscriptionsNone: () => t('subscriptions.none'),
    subscriptionLine: (s: SubscriptionView) =>
      !s.paused
        ? t('subscriptions.line', { tag: s.tag, schedule: s.schedule })
        : s.pausedReason
          ? t('subscriptions.linePausedBecause', { tag: s.tag, schedule: s.schedule, reason: s.pausedReason })
          : t('subscriptions.linePaused', { tag: s.tag, schedule: s.schedule }),
    buttonExpired: () => t('button.expired'),
    notACommand: () => t('notACommand'),
    moreHint: () => t('more.hint'),
    pageNext: () => t('page.next'),
    pageFirst: () => t('page.first'),
    sortRecent: () => t('sort.recent'),
    sortBest: () => t('sort.best'),
    settingsHeader: (p: { changed: boolean }) => (p.changed ? t('settings.saved') : t('settings.header')),
    settingsHint: () => t('settings.hint'),
    posts: (count: number) => t('card.posts', { count }),
    stored: (count: number) => t('card.stored', { count }),
    grown: (count: number) => t('card.grown', { count }),
    readThread: () => t('card.read'),
    cardLang: (lang: string) => t('card.lang', { lang }),
    contentWarning: (p: { warning?: string | undefined }) => (p.warning ? t('card.contentWarning', { warning: p.warning }) : t('card.sensitive')),
    pictureAlt: (p: { alt?: string | undefined }) => (p.alt ? t('card.picture', { alt: p.alt }) : t('card.pictureNoAlt')),
    pictureHidden: () => t('card.pictureHidden'),
    alsoOn: () => t('card.alsoOn'),
    similarPosts: (p: { count: number }) => t('card.similar', { count: p.count }),
  };
}

export type Wording = ReturnType<typeof makeWording>;

/** A language's own name in the chat's language ("français", "Deutsch"), for settings and closing lines. */
export function languageLabel(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** The closing lines that say what a chat did not get, and why. */
export function withheldLines(withheld: Withheld | undefined, tr: Translator): string[] {
  if (!withheld) return [];
  return [
    ...(withheld.sensitive > 0 ? [tr.t('withheld.sensitive', { count: withheld.sensitive })] : []),
    ...(withheld.ageRestricted > 0 ? [tr.t('withheld.ageRestricted', { count: withheld.ageRestricted })] : []),
  ];
}

/** "Held back: 3 threads with more than 6 hashtags · 2 beyond 2 per author." */
export function heldBackLines(heldBack: HeldBack | undefined, tr: Translator): string[] {
  if (!heldBack) return [];
  const reasons = [
    ...(heldBack.hashtags > 0 ? [tr.t('heldBack.hashtags', { count: heldBack.hashtags, max: heldBack.maxHashtags })] : []),
    ...(heldBack.perAuthor > 0 ? [tr.t('heldBack.perAuthor', { count: heldBack.perAuthor, max: heldBack.maxPerAuthor })] : []),
  ];
  return reasons.length > 0 ? [tr.t('heldBack.line', { reasons: reasons.join(' · ') })] : [];
}

/** "Also: 中文 3 · Deutsch 2": threads in languages the chat did not ask for, each named in its own language. */
export function otherLanguagesLines(others: Digest['otherLanguages'], tr: Translator): string[] {
  if (!others || others.length === 0) return [];
  return [tr.t('otherLanguages.line', { languages: others.map((o) => `${languageLabel(o.lang, o.lang)} ${o.count}`).join(' · ') })];
}

/** What a digest says after its threads: other languages, what was held back or withheld, and why. */
export function digestClosingLines(digest: Pick<Digest, 'withheld' | 'heldBack' | 'otherLanguages'>, tr: Translator): string[] {
  return [...otherLanguagesLines(digest.otherLanguages, tr), ...heldBackLines(digest.heldBack, tr), ...withheldLines(digest.withheld, tr)];
}

/** A chat's settings as the lines `/settings` answers with. */
export function settingsLines(settings: ChatSettings, tr: Translator): string[] {
  const { t } = tr;
  return [
    settings.media ? t('settings.media.on') : t('settings.media.off'),
    settings.sensitive === 'show' ? t('settings.sensitive.show') : settings.sensitive === 'spoiler' ? t('settings.sensitive.spoiler') : t('settings.sensitive.skip'),
    settings.language ? t('settings.language.set', { language: languageLabel(settings.language, tr.locale) }) : t('settings.language.auto'),
    settings.threadLanguages.length === 0
      ? t('settings.threadLanguages.all')
      : t('settings.threadLanguages.some', { languages: settings.threadLanguages.map((l) => languageLabel(l, tr.locale)).join(', ') }),
  ];
}
