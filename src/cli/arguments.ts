import { normalizeLanguage, parseHashtagArgument, type TagStore } from '../core/index.ts';
import { describeFailure } from './core.ts';
import { UsageError } from './context.ts';

// Checks of typed arguments shared by several commands. Imported only inside command actions.

export function hashtagOrFail(input: string): string {
  const parsed = parseHashtagArgument(input);
  if (!parsed.ok) throw new UsageError(describeFailure(parsed.failure));
  return parsed.value;
}

export function languageOrFail(flag: string, input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  const lang = normalizeLanguage(input);
  if (lang === 'und') throw new UsageError(`${flag} "${input}" is not a language code like en, fr or zh`);
  return lang;
}

/**
 * The sentence for a tag with no threads ("No threads about #xinjang yet. Closest known: #xinjiang."),
 * or undefined when the tag is known. The same words in threads, digest and subscriptions add.
 */
export async function unknownTagNote(tag: string, tags: TagStore): Promise<string | undefined> {
  if ((await tags.tagCount(tag)) > 0) return undefined;
  return describeFailure({ code: 'hashtag.unknown', tag, closest: await tags.closestTags(tag, 5) });
}

/** `--instance`: an http(s) address whose host names the Mastodon instance. */
export function instanceOrFail(input: string): string {
  let url: URL | undefined;
  try {
    url = new URL(input);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new UsageError(`--instance "${input}" is not an instance address: give it like https://mastodon.social`);
  }
  return url.origin;
}
