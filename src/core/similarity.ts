/**
 * How alike two post texts are, for telling copies apart from new content: the same thread posted on
 * two networks, the same text pasted by a ring of accounts. Texts are compared as sets of word pairs
 * (character pairs in scripts written without spaces) after links, mentions and hashtags are dropped
 * — the parts that bridges and spammers change from copy to copy.
 */

const NOISE = /https?:\/\/\S+|www\.\S+|(^|\s)[@#＃][\p{L}\p{M}\p{N}_.@-]+/gu;
/** Scripts written without spaces between words: compared letter by letter. */
const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff]/u;

/** The words of a text as copies share them: NFKC, lower case, no links, mentions, hashtags or punctuation. */
export function comparableTokens(text: string): string[] {
  const clean = text.normalize('NFKC').toLowerCase().replace(NOISE, ' ');
  const words = clean.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return words.flatMap((w) => (UNSPACED.test(w) ? [...w] : [w]));
}

/** The opening as one string, for "identical opening text". */
export function comparableText(text: string): string {
  return comparableTokens(text).join(' ');
}

function shingles(tokens: readonly string[]): Set<string> {
  if (tokens.length < 3) return new Set(tokens);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) pairs.add(`${tokens[i]}\u0000${tokens[i + 1]}`);
  return pairs;
}

/**
 * Shingles of recently compared texts: a page or a digest compares each opening with several others,
 * and tokenizing is most of the cost. Bounded; cleared when full (a digest's candidates are ~50).
 */
const recent = new Map<string, Set<string>>();
function shinglesOf(text: string): Set<string> {
  let found = recent.get(text);
  if (!found) {
    if (recent.size >= 512) recent.clear();
    found = shingles(comparableTokens(text));
    recent.set(text, found);
  }
  return found;
}

function overlap(a: string, b: string): { shared: number; a: number; b: number } {
  const sa = shinglesOf(a);
  const sb = shinglesOf(b);
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return { shared, a: sa.size, b: sb.size };
}

/** Jaccard similarity of the two texts' word pairs: 1 for the same words in the same order, 0 for nothing shared. */
export function textSimilarity(a: string, b: string): number {
  const o = overlap(a, b);
  return o.a === 0 || o.b === 0 ? 0 : o.shared / (o.a + o.b - o.shared);
}

/** How much of the shorter text the longer one holds (word pairs): an edit or an added sentence keeps it high. */
export function textContainment(a: string, b: string): number {
  const o = overlap(a, b);
  return o.a === 0 || o.b === 0 ? 0 : o.shared / Math.min(o.a, o.b);
}

const HASHTAG = /(^|[^\p{L}\p{M}\p{N}_&/])[#＃][\p{L}\p{M}\p{N}_]+/gu;

/**
 * How many hashtags a text carries, counted cheaply (no tokenizer): what the spam rule "more than N
 * hashtags" reads. A `#` inside a word or a URL fragment does not count.
 */
export function hashtagCount(text: string): number {
  return text.match(HASHTAG)?.length ?? 0;
}
