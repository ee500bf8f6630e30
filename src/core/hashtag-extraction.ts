import twitterText from 'twitter-text';
import { MAX_HASHTAG_LENGTH, normalizeHashtag } from './hashtags.ts';

// Apart from hashtags.ts because twitter-text is large: commands that only read never load it.

/**
 * Hashtags in a post's text, found the way X finds them (twitter-text is the reference):
 * letters and marks of every script, digits and `_`, not all digits, not inside URLs,
 * `#China's` → `china`. Normalized and de-duplicated, in order of first appearance.
 */
export function extractHashtags(text: string): string[] {
  if (!text.includes('#') && !text.includes('＃')) return [];
  const seen = new Set<string>();
  for (const tag of twitterText.extractHashtags(text)) {
    const normalized = normalizeHashtag(tag);
    if (normalized.length > 0 && normalized.length <= MAX_HASHTAG_LENGTH) seen.add(normalized);
  }
  return [...seen];
}
