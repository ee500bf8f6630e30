import { identityKeys } from './identity.ts';
import type { SourceName } from './post.ts';
import { comparableText, hashtagCount, textContainment, textSimilarity } from './similarity.ts';
import type { StoredThread } from './thread.ts';

/**
 * What makes a digest one that a busy channel can live with (docs/adr/0003, "What a digest leaves
 * out"). The terms, in the order they apply to the candidates (already ranked best first):
 *
 * 1. Hashtag stuffing: a thread whose opening post carries more than `maxHashtags` hashtags is held back.
 * 2. One thread once: copies of one thread on several networks are one card (see `sameThread`);
 *    the most complete copy is shown, the others listed as "also on".
 * 3. Near-duplicates: a card whose opening text is at least `similarity` alike (word pairs, Jaccard)
 *    to a card above it, by whatever account, is folded into that card ("and 4 similar posts").
 * 4. Per author: at most `maxPerAuthor` cards by one person (their accounts on every network are one).
 *
 * Held-back threads are counted for the closing line; folded ones are counted on their card.
 */
export interface CurationPolicy {
  readonly maxHashtags: number;
  readonly maxPerAuthor: number;
  readonly similarity: number;
  /** Copies of one thread are posted within this long of each other. */
  readonly copyWindowMs: number;
}

export const DEFAULT_CURATION: CurationPolicy = { maxHashtags: 6, maxPerAuthor: 2, similarity: 0.8, copyWindowMs: 48 * 3_600_000 };

/** A copy of a card's thread on another network. */
export interface OtherCopy {
  readonly threadId: string;
  readonly source: SourceName;
  readonly url: string;
}

export interface Card {
  /** The copy shown: the most complete one. */
  readonly thread: StoredThread;
  /** The same thread on other networks. */
  readonly alsoOn: readonly OtherCopy[];
  /** Near-duplicate threads by other accounts folded into this card. */
  readonly similar: number;
  /** Every thread the card stands for (copies and folded duplicates): what a chat has now seen. */
  readonly threadIds: readonly string[];
}

export interface HeldBack {
  readonly hashtags: number;
  readonly perAuthor: number;
  /** The limits in force, for the sentence that explains them. */
  readonly maxHashtags: number;
  readonly maxPerAuthor: number;
}

/** Copies need enough words in common that "Good morning" on two networks is not one thread. */
const MIN_IDENTICAL_TOKENS = 5;
/** The same person's copies may differ more (a bridge adds a link, an edit, a sentence added): most word pairs of the shorter in the longer. */
const SAME_PERSON_CONTAINMENT = 0.6;

// `firstPost` first: reading `posts` may parse every post of the thread (see StoredThread).
const opening = (t: StoredThread): string => (t.firstPost ?? t.posts[0])?.text ?? '';

/**
 * Whether two threads on different networks are one thread posted twice: within the copy window,
 * either by the same person (a bridged account, or a profile that links to the other) with alike
 * openings, or with identical openings whoever posted them.
 */
/** What copies are compared by, worked out once per thread (a page compares each thread with several). */
const traits = new WeakMap<StoredThread, { readonly keys: ReadonlySet<string>; readonly text: string; readonly words: number }>();
function traitsOf(thread: StoredThread) {
  let found = traits.get(thread);
  if (!found) {
    const text = comparableText(opening(thread));
    found = { keys: new Set(identityKeys(thread)), text, words: text === '' ? 0 : text.split(' ').length };
    traits.set(thread, found);
  }
  return found;
}

export function sameThread(a: StoredThread, b: StoredThread, policy: Pick<CurationPolicy, 'copyWindowMs'> = DEFAULT_CURATION): boolean {
  if (a.source === b.source || a.id === b.id) return false;
  if (Math.abs(Date.parse(a.createdAt) - Date.parse(b.createdAt)) > policy.copyWindowMs) return false;
  const ta = traitsOf(a);
  const tb = traitsOf(b);
  if (ta.words >= MIN_IDENTICAL_TOKENS && ta.text === tb.text) return true;
  const samePerson = [...tb.keys].some((k) => ta.keys.has(k));
  return samePerson && textContainment(opening(a), opening(b)) >= SAME_PERSON_CONTAINMENT;
}

/** The most complete copy: most posts stored, then longest, then with a picture, then the most engaged. */
function mostComplete(copies: readonly StoredThread[]): StoredThread {
  return [...copies].sort(
    (a, b) => b.storedCount - a.storedCount || b.postCount - a.postCount || Number(Boolean(b.image)) - Number(Boolean(a.image)) || b.score - a.score,
  )[0] as StoredThread;
}

/**
 * Groups ranked threads into copies of one thread (at most one copy per network), each group placed
 * where its best-ranked copy was. Threads that are no copy of anything stand alone.
 */
export function groupCopies(ranked: readonly StoredThread[], policy: Pick<CurationPolicy, 'copyWindowMs'> = DEFAULT_CURATION): StoredThread[][] {
  const groups: StoredThread[][] = [];
  for (const thread of ranked) {
    const home = groups.find((g) => !g.some((m) => m.source === thread.source) && g.some((m) => sameThread(m, thread, policy)));
    if (home) home.push(thread);
    else groups.push([thread]);
  }
  return groups;
}

export function cardOf(copies: readonly StoredThread[]): Card {
  const shown = mostComplete(copies);
  return {
    thread: shown,
    alsoOn: copies.filter((c) => c !== shown).map((c) => ({ threadId: c.id, source: c.source, url: c.url })),
    similar: 0,
    threadIds: copies.map((c) => c.id),
  };
}

/** The cards of a digest from its ranked candidates, at most `limit`, and what was held back (see CurationPolicy). */
export function curateDigest(
  ranked: readonly StoredThread[],
  limit: number,
  policy: CurationPolicy = DEFAULT_CURATION,
): { readonly cards: Card[]; readonly heldBack: HeldBack } {
  let hashtags = 0;
  let perAuthor = 0;
  const eligible = ranked.filter((t) => {
    const stuffed = hashtagCount(opening(t)) > policy.maxHashtags;
    if (stuffed) hashtags++;
    return !stuffed;
  });
  const cards: { card: Card; similar: number; ids: string[] }[] = [];
  const byAuthor = new Map<string, number>();
  for (const copies of groupCopies(eligible, policy)) {
    const card = cardOf(copies);
    const text = opening(card.thread);
    const twin = cards.find((c) => textSimilarity(opening(c.card.thread), text) >= policy.similarity);
    if (twin) {
      twin.similar += 1;
      twin.ids.push(...card.threadIds);
      continue;
    }
    const keys = identityKeys(card.thread);
    const seen = Math.max(0, ...keys.map((k) => byAuthor.get(k) ?? 0));
    if (seen >= policy.maxPerAuthor) {
      perAuthor++;
      continue;
    }
    for (const k of keys) byAuthor.set(k, seen + 1);
    cards.push({ card, similar: 0, ids: [...card.threadIds] });
  }
  // Cards past the limit are not held back: they are simply not among the best, as before.
  return {
    cards: cards.slice(0, limit).map(({ card, similar, ids }) => ({ ...card, similar, threadIds: ids })),
    heldBack: { hashtags, perAuthor, maxHashtags: policy.maxHashtags, maxPerAuthor: policy.maxPerAuthor },
  };
}
