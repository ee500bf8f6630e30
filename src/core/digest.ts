import type { Card, HeldBack, OtherCopy } from './curate.ts';
import type { MediaRef } from './media.ts';
import type { Sensitivity } from './sensitivity.ts';
import { DateTime } from 'luxon';
import { authorRefOf } from './authors.ts';
import type { Passage } from './passage.ts';
import { excerpt } from './text.ts';
import type { Withheld } from './withhold.ts';
import type { StoredThread } from './thread.ts';
import type { SinceWhen } from './wording.ts';

/** One thread as a digest or a `/threads` answer shows it, before any platform renders it. */
export interface ThreadSummary {
  readonly threadId: string;
  readonly author: { readonly handle: string; readonly name: string };
  readonly excerpt: string;
  readonly postCount: number;
  readonly storedCount: number;
  /** The reader page when SPOOL_PUBLIC_URL is set, else the original post. */
  readonly link: string;
  readonly lang: string;
  readonly createdAt: string;
  /** The source gave no time: show `seenAt`, when Spool first saw the thread, as such. */
  readonly undated?: boolean;
  readonly seenAt?: string;
  /** Where the thread came from when the source names no author (`author.handle` is then ''). */
  readonly origin?: string;
  readonly hashtags: readonly string[];
  /** Posts added since the window opened, when the thread existed before it ("grown by N"). */
  readonly grownBy: number;
  /** The thread's first picture (an image, or a video's still), with its alt text. */
  readonly image?: MediaRef | undefined;
  /** Content warning and labels: front ends show, hide behind a spoiler, or leave out (the chat's choice). */
  readonly sensitive?: Sensitivity | undefined;
  /** The same thread on other networks ("also on Bluesky"): this card shows the most complete copy. */
  readonly alsoOn?: readonly OtherCopy[] | undefined;
  /** Near-duplicate threads by other accounts folded into this card ("and 4 similar posts"). */
  readonly similar?: number | undefined;
  /** The author's page (the reader's `/author/…` when SPOOL_PUBLIC_URL is set, else their profile); absent when unknown. */
  readonly authorLink?: string | undefined;
  /** Search answers: what in `excerpt` matched, [start, end) in UTF-16 units, for the platform to mark. */
  readonly marks?: readonly (readonly [number, number])[] | undefined;
  /**
   * The chat saw this thread before and it has grown since: `excerpt` and `link` are then its first new
   * post's, and the card says "+6 posts since Tuesday" (wording.grownSince).
   */
  readonly growth?: { readonly added: number; readonly since: SinceWhen } | undefined;
}

export interface Digest {
  readonly tag: string;
  /** What the digest is about as people read it: `#xinjiang`, or `@x.com/alice` for an author's. */
  readonly subject?: string | undefined;
  /** Set by older versions (a digest kept in the ledger); front ends word the title in the chat's language (`digestTitle`). */
  readonly title?: string | undefined;
  /** One thread delivered as soon as it qualified (a live subscription): "#tag — a new thread". */
  readonly live?: boolean | undefined;
  readonly since: string;
  readonly until: string;
  readonly items: readonly ThreadSummary[];
  /** Threads the chat does not get (its `skip` setting; age-restricted where they may not go): said in a closing line. */
  readonly withheld?: Withheld | undefined;
  /** Threads held back by the spam rules (too many hashtags, too many by one author): said in a closing line. */
  readonly heldBack?: HeldBack | undefined;
  /** Threads in languages the chat did not prefer, counted per language ("Also: 中文 3 · Deutsch 2"). */
  readonly otherLanguages?: readonly { readonly lang: string; readonly count: number }[] | undefined;
}

export interface LinkOptions {
  /** Base URL of the web reader (SPOOL_PUBLIC_URL); threads link there when set. */
  readonly publicUrl?: string | undefined;
}

export const DIGEST_EXCERPT_CHARS = 280;

/** Where a thread's link points: the reader when there is one, the original post otherwise. */
export function threadLink(thread: Pick<StoredThread, 'id' | 'url'>, options: LinkOptions = {}): string {
  if (options.publicUrl) return `${options.publicUrl.replace(/\/+$/u, '')}/thread/${encodeURIComponent(thread.id)}`;
  return thread.url;
}

/** The reader's path of an author's page (`/author/x.com%2Falice`): the web reader serves it. */
export function authorPath(author: { readonly source: string; readonly handle: string }): string {
  return `/author/${encodeURIComponent(authorRefOf(author))}`;
}

/**
 * Where an author's name links: their page on the reader when there is one, else their profile on
 * the network when Spool can tell it (X, Mastodon, Bluesky), else nowhere.
 */
export function authorLink(thread: Pick<StoredThread, 'source' | 'author'>, options: LinkOptions = {}): string | undefined {
  const { handle, id } = thread.author;
  if (handle === '') return undefined;
  if (options.publicUrl) return `${options.publicUrl.replace(/\/+$/u, '')}${authorPath({ source: thread.source, handle })}`;
  if (thread.source === 'x') return `https://x.com/${encodeURIComponent(handle)}`;
  if (thread.source === 'bluesky') return `https://bsky.app/profile/${encodeURIComponent(handle)}`;
  if (thread.source === 'mastodon' && /^mastodon:https:\/\//u.test(id)) return id.slice('mastodon:'.length);
  return undefined;
}

export function summarizeThread(
  thread: StoredThread,
  options: LinkOptions & { readonly excerptChars?: number; readonly since?: Date; readonly passage?: Passage } = {},
): ThreadSummary {
  const sinceMs = options.since?.getTime();
  const existedBefore = sinceMs !== undefined && Date.parse(thread.firstSeenAt) < sinceMs;
  const grownBy = existedBefore ? thread.posts.filter((p) => Date.parse(p.createdAt) >= sinceMs).length : 0;
  // `firstPost` first: reading `posts` may parse every post of the thread (see StoredThread).
  const firstText = (thread.firstPost ?? thread.posts[0])?.text ?? '';
  const image = thread.image;
  return {
    threadId: thread.id,
    author: { handle: thread.author.handle, name: thread.author.name },
    excerpt: options.passage ? options.passage.text : excerpt(firstText, options.excerptChars ?? DIGEST_EXCERPT_CHARS),
    ...(options.passage && options.passage.marks.length > 0 ? { marks: options.passage.marks } : {}),
    postCount: thread.postCount,
    storedCount: thread.storedCount,
    link: threadLink(thread, options),
    lang: thread.lang,
    createdAt: thread.createdAt,
    ...(thread.undated ? { undated: true, seenAt: thread.firstSeenAt } : {}),
    ...(thread.origin ? { origin: thread.origin } : {}),
    hashtags: thread.hashtags,
    grownBy,
    authorLink: authorLink(thread, options),
    ...(image ? { image } : {}),
    ...(thread.sensitive ? { sensitive: thread.sensitive } : {}),
  };
}

/** A curated card (see curate.ts) as a summary: its shown copy, where else it was posted, what it folds in. */
export function summarizeCard(card: Card, options: Parameters<typeof summarizeThread>[1] = {}): ThreadSummary {
  return {
    ...summarizeThread(card.thread, options),
    ...(card.alsoOn.length > 0 ? { alsoOn: card.alsoOn } : {}),
    ...(card.similar > 0 ? { similar: card.similar } : {}),
  };
}

/**
 * A thread the chat was last sent at `seenAt`, as a card about what is new: its first post written
 * after then, and how many there are. Undefined when nothing was written since (the thread changed
 * otherwise: a back-filled middle post, new metrics): the card then shows the thread as usual.
 */
export function growthSince(
  thread: StoredThread,
  seenAt: Date,
  until: Date,
  zone: string,
  options: LinkOptions & { readonly excerptChars?: number } = {},
): Pick<ThreadSummary, 'excerpt' | 'link' | 'growth'> | undefined {
  const index = thread.posts.findIndex((p) => Date.parse(p.createdAt) > seenAt.getTime());
  const first = thread.posts[index];
  if (!first) return undefined;
  const added = thread.posts.length - index;
  const link = options.publicUrl ? `${threadLink(thread, options)}#p${index + 1}` : first.url || thread.url;
  return {
    excerpt: excerpt(first.text, options.excerptChars ?? DIGEST_EXCERPT_CHARS),
    link,
    growth: { added, since: sinceLabel(seenAt, until, zone) },
  };
}

/** "08:00" the same local day, "yesterday", a weekday within the week, else the date ("12 Nov"): as data, worded by the front end. */
export function sinceLabel(seenAt: Date, until: Date, zone: string): SinceWhen {
  const seen = DateTime.fromJSDate(seenAt, { zone });
  const now = DateTime.fromJSDate(until, { zone });
  const days = Math.round(now.startOf('day').diff(seen.startOf('day'), 'days').days);
  if (days <= 0) return { kind: 'time', time: seen.toFormat('HH:mm') };
  if (days === 1) return { kind: 'yesterday' };
  if (days < 7) return { kind: 'weekday', weekday: seen.weekday % 7 };
  return { kind: 'date', day: seen.day, month: seen.month - 1, year: seen.year === now.year ? undefined : seen.year };
}

/**
 * The platform-neutral digest of `threads` (already chosen and ranked by the caller) for one
 * hashtag and window. Each bot renders it in its own format and splits it within its limits.
 */
export function composeDigest(input: {
  readonly tag: string;
  readonly threads: readonly StoredThread[];
  /** Curated cards, when the caller curated (then `threads` is ignored). */
  readonly cards?: readonly Card[];
  readonly heldBack?: HeldBack;
  readonly since: Date;
  readonly until: Date;
  readonly links?: LinkOptions;
  readonly excerptChars?: number;
  /** Instead of `#tag` in the title: an author digest names the author (`@x.com/alice`). */
  readonly subject?: string | undefined;
  /** When the chat was last sent each thread: a thread seen before shows what is new since (growthSince). */
  readonly seen?: ReadonlyMap<string, Date> | undefined;
  /** The chat's zone, for "since Tuesday". */
  readonly zone?: string | undefined;
  /** One thread delivered as soon as it qualified (a live subscription). */
  readonly live?: boolean | undefined;
}): Digest {
  const subject = input.subject ?? `#${input.tag}`;
  const options = { ...input.links, excerptChars: input.excerptChars ?? DIGEST_EXCERPT_CHARS };
  const withGrowth = <T extends ThreadSummary>(thread: StoredThread, summary: T): T => {
    const seenAt = input.seen?.get(thread.id);
    const grown = seenAt ? growthSince(thread, seenAt, input.until, input.zone ?? 'UTC', options) : undefined;
    return grown ? { ...summary, ...grown } : summary;
  };
  return {
    tag: input.tag,
    subject,
    ...(input.live ? { live: true } : {}),
    since: input.since.toISOString(),
    until: input.until.toISOString(),
    items: input.cards
      ? input.cards.map((card) => withGrowth(card.thread, summarizeCard(card, { ...options, since: input.since })))
      : input.threads.map((thread) => withGrowth(thread, summarizeThread(thread, { ...options, since: input.since }))),
    ...(input.heldBack && input.heldBack.hashtags + input.heldBack.perAuthor > 0 ? { heldBack: input.heldBack } : {}),
  };
}
