/**
 * The words of a search, as the full-text index sees them: runs of letters and digits in any script,
 * lower-cased. Everything else (quotes, operators, `*`) is dropped so that a query can never be
 * mistaken for FTS syntax.
 */
export function searchTerms(words: string): string[] {
  const terms =
    words
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}_]+/gu) ?? [];
  return [...new Set(terms)].slice(0, 16);
}

/**
 * Every word of a stored text as a search sees words (the same runs as `searchTerms`, not deduplicated
 * nor capped): an engine without a tokenizer of its own that matches SQLite's indexes these.
 */
export function searchWords(text: string): string[] {
  return [
    ...new Set(
      text
        .normalize('NFKC')
        .toLowerCase()
        .match(/[\p{L}\p{M}\p{N}_]+/gu) ?? [],
    ),
  ];
}

/** The text a thread is searched by: its stored posts' text and its hashtags (both engines index this). */
export function threadSearchText(thread: { readonly posts: readonly { readonly text: string }[]; readonly hashtags: readonly string[] }): string {
  return `${thread.posts.map((p) => p.text).join('\n')}\n${thread.hashtags.map((t) => `#${t}`).join(' ')}`;
}
