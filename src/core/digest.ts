import { DateTime } from 'luxon';
import { authorRefOf } from './authors.ts';
import type { Passage } from './passage.ts';
import { excerpt } from './text.ts';
import type { StoredThread } from './thread.ts';
import { wording } from './wording.ts';

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
  /** The author's page (the reader's `/author/…` when SPOOL_PUBLIC_URL is set, else their profile); absent when unknown. */
  readonly authorLink?: string | undefined;
  /** Search answers: what in `excerpt` matched, [start, end) in UTF-16 units, for the platform to mark. */
  readonly marks?: readonly (readonly [number, number])[] | undefined;
  /**
   * The chat saw this thread before and it has grown since: `excerpt` and `link` are then its first new
   * post's, and the card says "+6 posts since Tuesday" (wording.grownSince).
   */
  readonly growth?: { readonly added: number; readonly since: string } | undefined;
}

export interface Digest {
  readonly tag: string;
  /** What the digest is about as people read it: `#xinjiang`, or `@x.com/alice` for an author's. */
  readonly subject?: string | undefined;
  readonly title: string;
  readonly since: string;
  readonly until: string;
  readonly items: readonly ThreadSummary[];
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

/** "08:00" the same local day, "yesterday", a weekday within the week, else the date ("12 Nov"). */
export function sinceLabel(seenAt: Date, until: Date, zone: string): string {
  const seen = DateTime.fromJSDate(seenAt, { zone });
  const now = DateTime.fromJSDate(until, { zone });
  const days = Math.round(now.startOf('day').diff(seen.startOf('day'), 'days').days);
  if (days <= 0) return wording.sinceTime({ time: seen.toFormat('HH:mm') });
  if (days === 1) return wording.sinceYesterday();
  if (days < 7) return wording.weekdayName(seen.weekday % 7);
  return wording.sinceDate({ day: seen.day, month: seen.month - 1, year: seen.year === now.year ? undefined : seen.year });
}

/**
 * The platform-neutral digest of `threads` (already chosen and ranked by the caller) for one
 * hashtag and window. Each bot renders it in its own format and splits it within its limits.
 */
export function composeDigest(input: {
  readonly tag: string;
  readonly threads: readonly StoredThread[];
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
  const day = input.until.toISOString().slice(0, 10);
  const subject = input.subject ?? `#${input.tag}`;
  const options = { ...input.links, excerptChars: input.excerptChars ?? DIGEST_EXCERPT_CHARS };
  return {
    tag: input.tag,
    subject,
    title: input.live ? wording.liveTitle({ subject }) : wording.digestTitle({ subject, day }),
    since: input.since.toISOString(),
    until: input.until.toISOString(),
    items: input.threads.map((thread) => {
      const summary = summarizeThread(thread, { ...options, since: input.since });
      const seenAt = input.seen?.get(thread.id);
      const grown = seenAt ? growthSince(thread, seenAt, input.until, input.zone ?? 'UTC', options) : undefined;
      return grown ? { ...summary, ...grown } : summary;
    }),
  };
}
