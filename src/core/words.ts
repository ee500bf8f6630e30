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

/** One character (code point) folded: compatibility-decomposed, marks dropped, lower-cased. */
function foldChar(char: string): string {
  let out = '';
  for (const part of char.normalize('NFKD')) if (!MARKS.test(part)) out += part;
  return out.toLowerCase();
}

/** Case- and accent-insensitive form of `text`. */
export function foldText(text: string): string {
  let out = '';
  for (const char of text) out += foldChar(char);
  return out;
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
    const before = at > 0 ? folded[at - 1] ?? '' : '';
    const after = folded[end] ?? '';
    if (anywhere || ((before === '' || !WORD_CHAR.test(before)) && (after === '' || !WORD_CHAR.test(after)))) found.push([at, end]);
  }
  return found;
}

/** True when `text` mentions `word` (case, accents and word boundaries as above). */
export function mentionsWord(text: string, word: string): boolean {
  return wordOccurrences(foldText(text), foldText(word)).length > 0;
}
