import { excerpt } from './text.ts';
import { foldText, foldWithMap, hasWord, isAscii, wordOccurrences } from './words.ts';

/** A piece of text with the ranges a search matched, [start, end) in UTF-16 units of `text`. */
export interface Passage {
  readonly text: string;
  readonly marks: readonly (readonly [number, number])[];
}

/** How much of the post before the first match a passage keeps, so the match is read in context. */
const LEAD_CHARS = 60;

/**
 * The passage of a thread that a search matched: the post holding the most of the search's terms
 * (the first such post on a tie, the first holding them all), cut to `maxChars` around its first match, with every match marked.
 * When no post's text holds a term (the thread matched on a hashtag), the opening post, unmarked.
 */
export function matchedPassage(posts: readonly { readonly text: string }[], terms: readonly string[], maxChars: number): Passage {
  const folded = terms.map(foldText).filter((t) => t !== '');
  // Posts are scored on their text alone (only the chosen one is mapped back to its characters), first
  // just lower-cased: decomposing every post of every thread for its accents cost more than the search.
  const score = (fold: (text: string) => string, skipAscii: boolean) => {
    let best: { text: string; distinct: number } | undefined;
    for (const post of posts) {
      if (skipAscii && isAscii(post.text)) continue; // folding changes nothing in it: scored already
      const text = fold(post.text);
      let distinct = 0;
      for (const term of folded) if (hasWord(text, term)) distinct++;
      if (distinct > (best?.distinct ?? 0)) best = { text: post.text, distinct };
      if (best && best.distinct === folded.length) break;
    }
    return best;
  };
  let best = score((text) => text.toLowerCase(), false);
  if (!best || best.distinct < folded.length) {
    const deep = score(foldText, true);
    if (deep && deep.distinct > (best?.distinct ?? 0)) best = deep;
  }
  if (!best) return { text: excerpt(posts[0]?.text ?? '', maxChars), marks: [] };
  const map = foldWithMap(best.text);
  const ranges: [number, number][] = [];
  for (const term of folded) {
    for (const [start, end] of wordOccurrences(map.folded, term)) ranges.push([map.from[start] ?? 0, map.to[end - 1] ?? best.text.length]);
  }
  return cutAround(best.text, mergeRanges(ranges), maxChars);
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** At most `maxChars` UTF-16 units of `text` starting a little before the first mark, at a word boundary. */
function cutAround(text: string, marks: [number, number][], maxChars: number): Passage {
  const clean = text.replace(/\s/gu, ' ');
  if (clean.length <= maxChars) return { text: clean, marks };
  const first = marks[0]?.[0] ?? 0;
  let start = Math.max(0, first - LEAD_CHARS);
  if (start > 0) {
    const space = clean.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(clean.length, start + maxChars - 2);
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end);
    if (space > start + maxChars / 2) end = space;
  }
  // Never cut a surrogate pair.
  if (end < clean.length && /[\ud800-\udbff]/u.test(clean.charAt(end - 1))) end--;
  const head = start > 0 ? '…' : '';
  const tail = end < clean.length ? '…' : '';
  const shift = head.length - start;
  const kept = marks.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift] as const);
  return { text: `${head}${clean.slice(start, end)}${tail}`, marks: kept };
}
