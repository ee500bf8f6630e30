import type { Card, HeldBack, OtherCopy } from './curate.ts';
import type { MediaRef } from './media.ts';
import type { Sensitivity } from './sensitivity.ts';
import { excerpt } from './text.ts';
import type { Withheld } from './withhold.ts';
import type { StoredThread } from './thread.ts';

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
}

export interface Digest {
  readonly tag: string;
  readonly title: string;
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

export function summarizeThread(
  thread: StoredThread,
  options: LinkOptions & { readonly excerptChars?: number; readonly since?: Date } = {},
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
    excerpt: excerpt(firstText, options.excerptChars ?? DIGEST_EXCERPT_CHARS),
    postCount: thread.postCount,
    storedCount: thread.storedCount,
    link: threadLink(thread, options),
    lang: thread.lang,
    createdAt: thread.createdAt,
    ...(thread.undated ? { undated: true, seenAt: thread.firstSeenAt } : {}),
    ...(thread.origin ? { origin: thread.origin } : {}),
    hashtags: thread.hashtags,
    grownBy,
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
}): Digest {
  const day = input.until.toISOString().slice(0, 10);
  return {
    tag: input.tag,
    title: `#${input.tag} — threads of ${day}`,
    since: input.since.toISOString(),
    until: input.until.toISOString(),
    items: input.cards
      ? input.cards.map((card) => summarizeCard(card, { ...input.links, since: input.since, excerptChars: input.excerptChars ?? DIGEST_EXCERPT_CHARS }))
      : input.threads.map((thread) => summarizeThread(thread, { ...input.links, since: input.since, excerptChars: input.excerptChars ?? DIGEST_EXCERPT_CHARS })),
    ...(input.heldBack && input.heldBack.hashtags + input.heldBack.perAuthor > 0 ? { heldBack: input.heldBack } : {}),
  };
}
