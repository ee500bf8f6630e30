import type { SubscriptionView } from './replies.ts';
import type { Sort } from './rank.ts';
import type { Cadence } from './schedule.ts';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const NETWORKS: Readonly<Record<string, string>> = { x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky', rss: 'RSS', threadreader: 'Thread Reader', jsonl: 'an import', sample: 'the sample' };
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const orList = (items: readonly string[], joiner = 'or'): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1] ?? ''}`;

/** "English" for `en`; the code itself when the runtime has no name for it. */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A subscription's filters as phrases that follow "threads": "in English or French", "of 3+ posts". */
export interface FilterWords {
  readonly langs?: readonly string[] | undefined;
  readonly minPosts?: number | undefined;
  readonly require?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
  readonly muted?: readonly string[] | undefined;
}

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
  authorHeader: (p: { name: string; ref: string; sort: Sort; total: number }) =>
    `Threads by ${p.name ? `${p.name} (@${p.ref})` : `@${p.ref}`} — ${p.sort === 'best' ? 'best' : 'most recent'} (${p.total})`,
  authorNoMore: (p: { ref: string }) => `No more threads by @${p.ref}.`,
  relatedHeader: (p: { tag: string }) => `Related to #${p.tag}`,
  relatedNone: (p: { tag: string }) => `No hashtags appear together with #${p.tag} yet.`,
  relatedTapHint: () => 'tap one for its threads',
  searchHeader: (p: { words: string; total: number; tag?: string | undefined; author?: string | undefined }) =>
    `Threads mentioning “${p.words}”${p.tag ? ` in #${p.tag}` : ''}${p.author ? ` by @${p.author}` : ''} (${p.total}${p.total >= 1000 ? '+' : ''})`,
  searchNone: (p: { words: string; tag?: string | undefined; author?: string | undefined }) =>
    `No threads${p.tag ? ` about #${p.tag}` : ''}${p.author ? ` by @${p.author}` : ''} mention “${p.words}”.`,
  searchNoMore: (p: { words: string }) => `No more threads mention “${p.words}”.`,
  digestTitle: (p: { subject: string; day: string }) => `${p.subject} — threads of ${p.day}`,
  liveTitle: (p: { subject: string }) => `${p.subject} — a new thread`,
  digestNothingNew: (p: { since: string }) => `Nothing new since ${p.since.slice(0, 16).replace('T', ' ')} UTC.`,
  /** A card of a thread the chat saw before: "+6 posts since Tuesday". */
  grownSince: (p: { added: number; since: string }) => `+${plural(p.added, 'post')} since ${p.since}`,
  sinceTime: (p: { time: string }) => p.time,
  sinceYesterday: () => 'yesterday',
  weekdayName: (weekday: number) => WEEKDAY_NAMES[weekday] ?? '',
  sinceDate: (p: { day: number; month: number; year?: number | undefined }) => `${p.day} ${MONTH_NAMES[p.month] ?? ''}${p.year ? ` ${p.year}` : ''}`,
  network: (source: string) => NETWORKS[source] ?? source,
  helpIntro: () => 'Spool collects social-media threads by hashtag.',
  helpReader: () => 'Read whole threads on the web:',
  // The thread view of /unroll.
  threadTitle: (p: { who: string; postCount: number; storedCount: number }) =>
    `🧵 ${p.who} · ${plural(p.postCount, 'post')}${p.storedCount < p.postCount ? ` (${p.storedCount} stored)` : ''}`,
  unrolledNew: (p: { posts: number }) => `Unrolled ${plural(p.posts, 'post')} and stored the thread.`,
  unrolledGrown: (p: { added: number }) => `Refreshed: ${plural(p.added, 'new post')} since it was last unrolled.`,
  unrolledSame: () => 'Already stored, and nothing new since it was last unrolled.',
  threadPage: (p: { page: number; pages: number }) => `Page ${p.page} of ${p.pages}`,
  threadReader: () => 'Read it on the web',
  threadOriginal: () => 'Original post',
  threadEnd: () => 'End of the thread.',
  pagePrevious: () => '◀ Previous',
  // Subscriptions.
  subscriptionsHeader: () => 'Subscriptions',
  subscriptionsNone: () => 'This chat follows no hashtags or authors yet: /subscribe <hashtag or @handle> [options].',
  /** When digests come, after "a digest …" ("every day at 09:00 UTC"). */
  cadence: (c: Cadence) => {
    switch (c.kind) {
      case 'daily':
        return `every day at ${c.time} ${c.zone}`;
      case 'weekly':
        return `every ${WEEKDAY_NAMES[c.weekday] ?? ''} at ${c.time} ${c.zone}`;
      case 'hourly':
        return 'every hour';
      case 'live':
        return `live, at most ${c.perHour} an hour`;
      case 'cron':
        return `on the schedule “${c.expression}” (${c.zone})`;
    }
  },
  /** The filters as phrases after "threads" ("in English or French", "of 3+ posts", "not by @spam"). */
  filters: (f: FilterWords) => [
    ...(f.langs && f.langs.length > 0 ? [`in ${orList(f.langs.map(languageName))}`] : []),
    ...(f.minPosts && f.minPosts > 1 ? [`of ${f.minPosts}+ posts`] : []),
    ...(f.require && f.require.length > 0 ? [`mentioning ${orList(f.require, 'and')}`] : []),
    ...(f.exclude && f.exclude.length > 0 ? [`not mentioning ${orList(f.exclude)}`] : []),
    ...(f.muted && f.muted.length > 0 ? [`not by ${orList(f.muted.map((m) => `@${m.replace(/^@/u, '')}`))}`] : []),
  ],
  subscriptionLine: (s: SubscriptionView) => {
    const filters = wording.filters(s);
    const paused = s.paused ? ` (paused${s.pausedReason ? `: ${s.pausedReason}` : ''})` : '';
    return `${s.subject} — ${wording.cadence(s.cadence)}${filters.length > 0 ? `; threads ${filters.join(', ')}` : ''}${paused}`;
  },
  /** What a subscription sends, after its subject: "a digest every day at 09:00 UTC with the threads that are new or have grown". */
  subscriptionPromise: (p: { cadence: Cadence; minPosts?: number | undefined }) =>
    p.cadence.kind === 'live'
      ? `each thread on its own as soon as it has ${plural(p.minPosts ?? 1, 'post')}, at most ${p.cadence.perHour} an hour`
      : `a digest ${wording.cadence(p.cadence)} with the threads that are new or have grown`,
  subscribed: (p: { subject: string; cadence: Cadence; renewed: boolean; fresh: boolean; filters: readonly string[]; minPosts?: number | undefined }) => {
    const head = `${p.renewed ? 'Resumed' : 'Subscribed to'} ${p.subject}: `;
    const only = p.filters.length > 0 ? ` Only threads ${p.filters.join(', ')}.` : '';
    if (p.fresh && p.subject.startsWith('#')) {
      return `${head}a digest ${wording.cadence(p.cadence)}.${only} No threads about ${p.subject} yet; Spool now follows it on every source.`;
    }
    return `${head}${wording.subscriptionPromise(p)}.${only}`;
  },
  subscriptionUpdated: (p: { subject: string; cadence: Cadence; filters: readonly string[]; minPosts?: number | undefined }) =>
    `Updated ${p.subject}: ${wording.subscriptionPromise(p)}.${p.filters.length > 0 ? ` Only threads ${p.filters.join(', ')}.` : ' Every thread counts.'}`,
  unsubscribed: (p: { subject: string }) => `Unsubscribed from ${p.subject}: no more digests of it here.`,
  // Buttons, paging, the console.
  buttonExpired: () => 'This button no longer works: send the command again.',
  notACommand: () => 'Commands start with /; /help lists them.',
  moreHint: () => '/more for the next page',
  moreNothing: () => 'Nothing to page through yet: ask /threads, /search or /unroll first.',
  moreLast: (p: { tag: string }) => `That was the last page of #${p.tag}.`,
  moreLastPage: () => 'That was the last page.',
  pageNext: () => 'Next ▶',
  pageFirst: () => '⏮ First',
  sortRecent: () => 'Recent',
  sortBest: () => 'Best',
} as const;
