/**
 * Plain words, compared the way people expect: case and accents ignored (`Café` = `cafe`,
 * `ÜRÜMQI` = `urumqi`), whole words only (`cotton` does not match `cottonwood`) except in scripts
 * written without spaces (Chinese, Japanese, Thai…), where a word is found anywhere. No patterns:
 * a word is letters, digits and `_`, so nothing typed can become a regular expression.
 */

const MARKS = /\p{M}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const PLAIN_WORD = /^[\p{L}\p{M}\p{N}_]{1,64}$/u;
/** Scripts without spaces between words: a word there is any run of its characters. */
const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]/u;

/** Folded forms of the non-ASCII characters met so far: normalizing one character at a time is slow. */
const FOLDED = new Map<string, string>();

/** One character (code point) folded: compatibility-decomposed, marks dropped, lower-cased. */
function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  let out = FOLDED.get(char);
  if (out === undefined) {
    out = '';
    for (const part of char.normalize('NFKD')) if (!MARKS.test(part)) out += part;
    out = out.toLowerCase().replace(/ς/gu, 'σ');
    if (FOLDED.size < 10_000) FOLDED.set(char, out);
  }
  return out;
}

/** True when every UTF-16 unit of `text` is ASCII: folding it is lower-casing it. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
const ALL_MARKS = /\p{M}/gu;

/**
 * Case- and accent-insensitive form of `text`: the same as folding it character by character (a
 * decomposition never spans two characters, marks are dropped either way, and the one lower-casing that
 * depends on context, Greek final sigma, is folded to σ), done by the engine in three passes.
 */
export function foldText(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(ALL_MARKS, '').toLowerCase().replace(/ς/gu, 'σ');
}

/**
 * The folded text and, for each of its UTF-16 units, where in `text` the character it came from
 * starts and ends: a match in the folded text is a range of the original (for highlighting).
 */
export function foldWithMap(text: string): { readonly folded: string; readonly from: readonly number[]; readonly to: readonly number[] } {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = foldChar(char);
    for (let i = 0; i < piece.length; i++) {
      from.push(index);
      to.push(index + char.length);
    }
    folded += piece;
    index += char.length;
  }
  return { folded, from, to };
}

/** A word a person may require or exclude: letters, digits and `_`, at most 64. */
export function isPlainWord(word: string): boolean {
  return PLAIN_WORD.test(word.normalize('NFKC'));
}

/** Every place `word` (already folded) occurs in `folded` as a whole word: [start, end) in folded units. */
export function wordOccurrences(folded: string, word: string): [number, number][] {
  const found: [number, number][] = [];
  if (word === '') return found;
  const anywhere = UNSPACED.test(word);
  for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
    const end = at + word.length;
    const before = at > 0 ? (folded[at - 1] ?? '') : '';
    const after = folded[end] ?? '';
    if (anywhere || ((before === '' || !WORD_CHAR.test(before)) && (after === '' || !WORD_CHAR.test(after)))) found.push([at, end]);
  }
  return found;
}

/** True when `folded` holds `word` (already folded) as a whole word: the first occurrence decides, nothing is collected. */
export function hasWord(folded: string, word: string): boolean {
  if (word === '') return false;
  const anywhere = UNSPACED.test(word);
  for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
    if (anywhere) return true;
    const before = at > 0 ? (folded[at - 1] ?? '') : '';
    const after = folded[at + word.length] ?? '';
    if ((before === '' || !WORD_CHAR.test(before)) && (after === '' || !WORD_CHAR.test(after))) return true;
  }
  return false;
}

/** True when `text` mentions `word` (case, accents and word boundaries as above). */
export function mentionsWord(text: string, word: string): boolean {
  return hasWord(foldText(text), foldText(word));
}
