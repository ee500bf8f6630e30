/**
 * The trigrams of a tag for "did you mean": code points, with `^` and `$` marking the ends so that
 * the first and last letters count as much as the middle ones (`ai` → `^ai`, `ai$`). Migration 004
 * computes the same grams in SQL for the tags that existed before it.
 */
export function tagGrams(name: string): string[] {
  const chars = ['^', ...name, '$'];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
  return [...grams];
}
