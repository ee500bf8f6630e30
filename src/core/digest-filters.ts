import { authorMatches, parseAuthorArgument } from './authors.ts';
import type { SubscriptionSettings } from './subscriptions.ts';
import type { StoredThread } from './thread.ts';
import { foldText, hasWord } from './words.ts';

/** Any of the filters set: only then is a subscription's candidate list read in full and filtered here. */
export function hasFilters(settings: SubscriptionSettings): boolean {
  return (settings.langs?.length ?? 0) > 1 || (settings.require?.length ?? 0) > 0 || (settings.exclude?.length ?? 0) > 0 || (settings.muted?.length ?? 0) > 0;
}

/**
 * Whether a thread belongs in a subscription's digest by its filters: one of its languages, long
 * enough, every required word and no excluded word in its text (any post; case and accents
 * ignored, whole words), and not by a muted author.
 */
export function matchesSettings(thread: StoredThread, settings: SubscriptionSettings): boolean {
  const langs = settings.langs && settings.langs.length > 0 ? settings.langs : settings.lang ? [settings.lang] : [];
  if (langs.length > 0 && !langs.includes(thread.lang)) return false;
  if (settings.minPosts !== undefined && thread.storedCount < settings.minPosts) return false;
  const author = { source: thread.source, handle: thread.author.handle };
  for (const muted of settings.muted ?? []) {
    const query = parseAuthorArgument(muted);
    if (query.ok && authorMatches(query.value, author)) return false;
  }
  const require = settings.require ?? [];
  const exclude = settings.exclude ?? [];
  if (require.length === 0 && exclude.length === 0) return true;
  const text = foldText(thread.posts.map((p) => p.text).join('\n'));
  const mentions = (word: string): boolean => hasWord(text, foldText(word));
  return require.every(mentions) && !exclude.some(mentions);
}
