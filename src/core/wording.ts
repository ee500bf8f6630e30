import type { ChatSettings } from './chat-settings.ts';
import type { HeldBack } from './curate.ts';
import type { Digest } from './digest.ts';
import { message, type Message, type Translator } from './i18n.ts';
import type { SubscriptionView } from './replies.ts';
import type { Sort } from './rank.ts';
import type { Cadence } from './schedule.ts';
import type { Withheld } from './withhold.ts';
import { languageLabel, weekdayName } from './names.ts';

/** A subscription's filters as phrases that follow "threads": "in English or French", "of 3+ posts". */
export interface FilterWords {
  readonly langs?: readonly string[] | undefined;
  readonly minPosts?: number | undefined;
  readonly require?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
  readonly muted?: readonly string[] | undefined;
}

/** When digests come, after "a digest …" ("every day at 09:00 UTC"), as a message. */
export function cadenceMessage(c: Cadence): Message {
  switch (c.kind) {
    case 'daily':
      return message('cadence.daily', { time: c.time, zone: c.zone });
    case 'weekly':
      return message('cadence.weekly', { day: { weekday: c.weekday }, time: c.time, zone: c.zone });
    case 'hourly':
      return message('cadence.hourly');
    case 'live':
      return message('cadence.live', { count: c.perHour });
    case 'cron':
      return message('cadence.cron', { expression: c.expression, zone: c.zone });
  }
}

/** The filters as phrases after "threads" ("in English or French", "of 3+ posts", "not by @spam"). */
export function filterMessages(f: FilterWords): Message[] {
  return [
    ...(f.langs && f.langs.length > 0 ? [message('filter.langs', { langs: { list: f.langs.map((l) => ({ language: l })), join: 'or' } })] : []),
    ...(f.minPosts && f.minPosts > 1 ? [message('filter.minPosts', { count: f.minPosts })] : []),
    ...(f.require && f.require.length > 0 ? [message('filter.require', { words: { list: f.require, join: 'and' } })] : []),
    ...(f.exclude && f.exclude.length > 0 ? [message('filter.exclude', { words: { list: f.exclude, join: 'or' } })] : []),
    ...(f.muted && f.muted.length > 0 ? [message('filter.muted', { authors: { list: f.muted.map((m) => `@${m.replace(/^@/u, '')}`), join: 'or' } })] : []),
  ];
}

/** What a subscription sends: "a digest every day at 09:00 UTC with the threads that are new or have grown". */
export function promiseMessage(p: { cadence: Cadence; minPosts?: number | undefined }): Message {
  return p.cadence.kind === 'live'
    ? message('promise.live', { count: p.minPosts ?? 1, perHour: p.cadence.perHour })
    : message('promise.digest', { cadence: cadenceMessage(p.cadence) });
}

/** "Only threads in English, of 3+ posts." (nothing when every thread counts). */
export function onlyMessages(filters: readonly Message[]): Message[] {
  return filters.length > 0 ? [message('subscription.only', { filters: { list: filters, join: 'comma' } })] : [];
}

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
  const searchScope = (p: { tag?: string | undefined; author?: string | undefined }, about: boolean) =>
    `${p.tag ? (about ? t('search.scope.about', { tag: p.tag }) : t('search.scope.tag', { tag: p.tag })) : ''}${p.author ? t('search.scope.author', { author: p.author }) : ''}`;
  return {
    threadsHeader: (p: { tag: string; sort: Sort; total: number }) =>
      p.sort === 'best' ? t('threads.header.best', { tag: p.tag, total: p.total }) : t('threads.header.recent', { tag: p.tag, total: p.total }),
    threadsNone: (p: { tag: string; lang?: string | undefined }) =>
      p.lang ? t('threads.noneInLanguage', { tag: p.tag, lang: p.lang }) : t('threads.none', { tag: p.tag }),
    threadsNoMore: (p: { tag: string }) => t('threads.noMore', { tag: p.tag }),
    authorHeader: (p: { name: string; ref: string; sort: Sort; total: number }) => {
      const who = p.name ? `${p.name} (@${p.ref})` : `@${p.ref}`;
      return p.sort === 'best' ? t('author.header.best', { who, total: p.total }) : t('author.header.recent', { who, total: p.total });
    },
    authorNoMore: (p: { ref: string }) => t('author.noMore', { ref: p.ref }),
    relatedHeader: (p: { tag: string }) => t('related.header', { tag: p.tag }),
    relatedNone: (p: { tag: string }) => t('related.none', { tag: p.tag }),
    relatedTapHint: () => t('related.tapHint'),
    searchHeader: (p: { words: string; total: number; tag?: string | undefined; author?: string | undefined }) =>
      t('search.header', { words: p.words, scope: searchScope(p, false), total: `${p.total}${p.total >= 1000 ? '+' : ''}` }),
    searchNone: (p: { words: string; tag?: string | undefined; author?: string | undefined }) =>
      t('search.none', { words: p.words, scope: searchScope(p, true) }),
    searchNoMore: (p: { words: string }) => t('search.noMore', { words: p.words }),
    digestTitle: (p: Pick<Digest, 'tag' | 'until' | 'subject' | 'live'>) =>
      p.live
        ? t('digest.liveTitle', { subject: p.subject ?? `#${p.tag}` })
        : t('digest.title', { subject: p.subject ?? `#${p.tag}`, day: p.until.slice(0, 10) }),
    digestCount: (count: number) => t('digest.count', { count }),
    digestNothingNew: (p: { since: string }) => t('digest.nothingNew', { since: p.since.slice(0, 16).replace('T', ' ') }),
    /** A card of a thread the chat saw before: "+6 posts since Tuesday". */
    grownSince: (p: { added: number; since: SinceWhen }) => t('card.grownSince', { count: p.added, since: sinceText(p.since, tr) }),
    helpIntro: () => t('help.intro'),
    helpReader: () => t('help.reader'),
    helpCommands: () => t('help.commands'),
    threadTitle: (p: { who: string; postCount: number; storedCount: number }) =>
      `🧵 ${p.who} · ${t('unroll.posts', { count: p.postCount })}${p.storedCount < p.postCount ? ` ${t('card.stored', { count: p.storedCount })}` : ''}`,
    unrolledNew: (p: { posts: number }) => t('unroll.new', { count: p.posts }),
    unrolledGrown: (p: { added: number }) => t('unroll.grown', { count: p.added }),
    unrolledSame: () => t('unroll.same'),
    threadPage: (p: { page: number; pages: number }) => t('thread.page', { page: p.page, pages: p.pages }),
    threadReader: () => t('thread.reader'),
    threadOriginal: () => t('thread.original'),
    threadEnd: () => t('thread.end'),
    subscriptionsHeader: () => t('subscriptions.header'),
    subscriptionsNone: () => t('subscriptions.none'),
    subscriptionLine: (s: SubscriptionView) => {
      const filters = filterMessages(s);
      const line = t('subscriptions.line', { subject: s.subject, cadence: tr.say(cadenceMessage(s.cadence)) });
      const only = filters.length > 0 ? t('subscriptions.lineFilters', { filters: filters.map((f) => tr.say(f)).join(', ') }) : '';
      const paused = s.paused ? (s.pausedReason ? t('subscriptions.pausedBecause', { reason: s.pausedReason }) : t('subscriptions.paused')) : '';
      return `${line}${only}${paused}`;
    },
    cadence: (c: Cadence) => tr.say(cadenceMessage(c)),
    filters: (f: FilterWords) => filterMessages(f).map((m) => tr.say(m)),
    buttonExpired: () => t('button.expired'),
    notACommand: () => t('notACommand'),
    moreHint: () => t('more.hint'),
    pageNext: () => t('page.next'),
    pageFirst: () => t('page.first'),
    pagePrevious: () => t('page.previous'),
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

/** When a grown thread was last seen, as data: the same local day, yesterday, a weekday, or a date. */
export type SinceWhen =
  | { readonly kind: 'time'; readonly time: string }
  | { readonly kind: 'yesterday' }
  | { readonly kind: 'weekday'; readonly weekday: number }
  | { readonly kind: 'date'; readonly day: number; readonly month: number; readonly year?: number | undefined };

function sinceText(since: SinceWhen, tr: Translator): string {
  switch (since.kind) {
    case 'time':
      return since.time;
    case 'yesterday':
      return tr.t('since.yesterday');
    case 'weekday':
      return weekdayName(since.weekday, tr.locale);
    case 'date':
      return new Intl.DateTimeFormat(tr.locale === 'en' ? 'en-GB' : tr.locale, {
        day: 'numeric',
        month: 'short',
        timeZone: 'UTC',
        ...(since.year ? { year: 'numeric' } : {}),
      }).format(new Date(Date.UTC(since.year ?? 2026, since.month, since.day)));
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
    settings.sensitive === 'show'
      ? t('settings.sensitive.show')
      : settings.sensitive === 'spoiler'
        ? t('settings.sensitive.spoiler')
        : t('settings.sensitive.skip'),
    settings.language ? t('settings.language.set', { language: languageLabel(settings.language, tr.locale) }) : t('settings.language.auto'),
    settings.threadLanguages.length === 0
      ? t('settings.threadLanguages.all')
      : t('settings.threadLanguages.some', { languages: settings.threadLanguages.map((l) => languageLabel(l, tr.locale)).join(', ') }),
  ];
}

/** A notice's sentences in the reader's language: its message, then any that follow ("Only threads in English."). */
export function noticeText(notice: { readonly message: Message; readonly more?: readonly Message[] | undefined }, tr: Translator): string {
  return [notice.message, ...(notice.more ?? [])].map((m) => tr.say(m)).join(' ');
}
