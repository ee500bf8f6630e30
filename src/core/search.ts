/**
 * The words of a search, as the full-text index sees them: runs of letters and digits in any script,
 * lower-cased. Everything else (quotes, operators, `*`) is dropped so that a query can never be
 * mistaken for FTS syntax.
 */
export function searchTerms(words: string): string[] {
  const terms = words.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}_]+/gu) ?? [];
  return [...new Set(terms)].slice(0, 16);
}
