import { authorThreads, resolveAuthor } from './author-commands.ts';
import { authorRefOf, isAuthorWord } from './authors.ts';
import { buttonRef } from './buttons.ts';
import { defineCommand, type CommandDefinition, type CommandOption } from './command.ts';
import { cardOf, curateDigest, groupCopies } from './curate.ts';
import { composeDigest } from './digest.ts';
import type { Failure } from './failures.ts';
import { parseHashtagArgument } from './hashtags.ts';
import type { TagStore } from './ports.ts';
import { isSort, type Sort } from './rank.ts';
import { fail, ok, type Result } from './result.ts';
import { chatPresentation, DEFAULT_PAGE_SIZE, ECHO_CHARS, failureReply, type RouterServices } from './router.ts';
import { matchedPassage } from './passage.ts';
import { shownTo } from './shown.ts';
import { clipText } from './text.ts';
import { threadCardsPage } from './threads-page.ts';
import { foldLanguages, withholdFor, withheldCount } from './withhold.ts';
import { searchTerms } from './search.ts';

const RELATED_LIMIT = 10;
/** A search card's passage: long enough to read the match in its sentence. */
const SEARCH_PASSAGE_CHARS = 280;
const DIGEST_WINDOW_MS = 24 * 3_600_000;
const DIGEST_LIMIT = 10;

/** The hashtag option every tag command takes (autocompleted from stored tags where the platform can). */
export const HASHTAG_OPTION: CommandOption = {
  name: 'hashtag',
  kind: 'hashtag',
  description: 'A hashtag, with or without # (any script)',
  required: true,
  maxLength: 101,
};

/** The first word as a hashtag, checked without I/O. */
export function hashtagArgument(input: string | undefined): Result<string, Failure> {
  if (input === undefined || input.trim() === '') return fail({ code: 'hashtag.missing' });
  return parseHashtagArgument(input);
}

/** A hashtag that must also be known to the store; an unknown one comes back with the closest known. */
async function knownTag(tag: string, tags: TagStore): Promise<Result<string, Failure>> {
  if ((await tags.tagCount(tag)) > 0) return ok(tag);
  return fail({ code: 'hashtag.unknown', tag, closest: await tags.closestTags(tag, 5) });
}

/** `/threads <hashtag|@handle> [recent|best]`: a word starting with `@` names an author. */
export const threadsCommand = defineCommand<RouterServices, { tag: string; sort: Sort } | { author: string; sort: Sort }>({
  name: 'threads',
  description: 'The latest (or best) threads about a hashtag, or by an @author',
  options: [
    { ...HASHTAG_OPTION, label: 'hashtag|@handle', description: 'A hashtag (any script), or an author: @handle, @user@instance, @x.com/user' },
    {
      name: 'sort',
      kind: 'choice',
      description: 'Most recent first (default) or best first',
      choices: [
        { name: 'most recent', value: 'recent' },
        { name: 'best', value: 'best' },
      ],
    },
  ],
  parse(args) {
    const sort = (args[1] ?? 'recent').toLowerCase();
    const first = args[0];
    if (first !== undefined && isAuthorWord(first)) {
      return isSort(sort) ? ok({ author: first, sort }) : fail({ code: 'sort.invalid', input: args[1] ?? '' });
    }
    const tag = hashtagArgument(first);
    if (!tag.ok) return tag;
    if (!isSort(sort)) return fail({ code: 'sort.invalid', input: args[1] ?? '' });
    return ok({ tag: tag.value, sort });
  },
  async run(input, ctx, services, options) {
    if ('author' in input) return authorThreads(input.author, input.sort, services, options, ctx);
    const { tag, sort } = input;
    const known = await knownTag(tag, services.tags);
    if (!known.ok) return failureReply(known.failure);
    const limit = options.limit ?? services.pageSize ?? DEFAULT_PAGE_SIZE;
    const page = await threadCardsPage(services.threads, { tag, sort, limit, lang: options.lang, cursor: options.cursor });
    return {
      kind: 'threads',
      tag,
      sort,
      lang: options.lang,
      ...(await shownTo(page.cards, ctx, services)),
      total: page.total,
      cursor: options.cursor,
      nextCursor: page.nextCursor,
    };
  },
});

export const relatedCommand = defineCommand<RouterServices, string>({
  name: 'related',
  description: 'Hashtags that appear together with this one',
  options: [HASHTAG_OPTION],
  parse: (args) => hashtagArgument(args[0]),
  async run(tag, _ctx, services, options) {
    const known = await knownTag(tag, services.tags);
    if (!known.ok) return failureReply(known.failure);
    return { kind: 'related', tag, related: await services.tags.relatedTags(tag, options.limit ?? RELATED_LIMIT) };
  },
});

/**
 * `/search <words…> [#tag] [@author]`: every word must match (accents ignored); a word written as a
 * hashtag limits the search to threads with that tag, one written as `@handle` to that author's.
 * Each card shows the passage that matched, the words marked.
 */
export const searchCommand = defineCommand<RouterServices, { words: string; tag?: string | undefined; author?: string | undefined }>({
  name: 'search',
  description: 'Search the text of stored threads (add #tag or @author to narrow it)',
  options: [
    { name: 'words', kind: 'text', description: 'Words to look for; #tag or @author to narrow the search', required: true, rest: true, maxLength: 200 },
  ],
  parse(args) {
    const tags = args.filter((a) => a.startsWith('#') || a.startsWith('＃'));
    const authors = args.filter(isAuthorWord);
    const words = args
      .filter((a) => !tags.includes(a) && !authors.includes(a))
      .join(' ')
      .trim();
    if (words === '') return fail({ code: 'search.missing' });
    if (searchTerms(words).length === 0) return fail({ code: 'search.invalid', input: words });
    if (tags.length > 1) return fail({ code: 'search.invalid', input: tags.join(' ') });
    if (authors.length > 1) return fail({ code: 'search.invalid', input: authors.join(' ') });
    const author = authors[0];
    if (tags[0] === undefined) return ok({ words, author });
    const tag = parseHashtagArgument(tags[0]);
    return tag.ok ? ok({ words, tag: tag.value, author }) : tag;
  },
  async run({ words, tag, author }, ctx, services, options) {
    if (tag !== undefined) {
      const known = await knownTag(tag, services.tags);
      if (!known.ok) return failureReply(known.failure);
    }
    const found = author === undefined ? undefined : await resolveAuthor(author, services.authors);
    if (found && !found.ok) return failureReply(found.failure);
    const authorRef = found?.ok ? authorRefOf(found.value) : undefined;
    const limit = options.limit ?? services.pageSize ?? DEFAULT_PAGE_SIZE;
    const page = await services.threads.search({ words, tag, authorKey: found?.ok ? found.value.key : undefined, limit, cursor: options.cursor });
    const terms = searchTerms(words);
    const query = [words, ...(tag ? [`#${tag}`] : []), ...(authorRef ? [`@${authorRef}`] : [])].join(' ');
    return {
      kind: 'search',
      words: clipText(words, ECHO_CHARS),
      tag,
      author: authorRef,
      buttonRef: await buttonRef(query, services.keys),
      ...(await shownTo(groupCopies(page.threads).map(cardOf), ctx, services, (t) => ({
        ...services.links,
        passage: matchedPassage(t.posts, terms, SEARCH_PASSAGE_CHARS),
      }))),
      total: page.total,
      cursor: options.cursor,
      nextCursor: page.nextCursor,
    };
  },
});

export const digestCommand = defineCommand<RouterServices, string>({
  name: 'digest',
  description: 'The digest of the last 24 hours for a hashtag',
  options: [HASHTAG_OPTION],
  parse: (args) => hashtagArgument(args[0]),
  async run(tag, ctx, services) {
    const known = await knownTag(tag, services.tags);
    if (!known.ok) return failureReply(known.failure);
    const until = services.clock.now();
    const since = new Date(until.getTime() - DIGEST_WINDOW_MS);
    const changed = await services.threads.changedThreads({ tag, since, until, limit: DIGEST_LIMIT * 5 });
    const presentation = await chatPresentation(services, ctx);
    const { kept, withheld } = withholdFor(changed, presentation);
    const { kept: preferred, others } = foldLanguages(kept, presentation.threadLanguages);
    const { cards, heldBack } = curateDigest(preferred, DIGEST_LIMIT);
    const digest = composeDigest({ tag, threads: [], cards, heldBack, since, until, links: services.links });
    return {
      kind: 'digest',
      digest: { ...digest, ...(withheldCount(withheld) > 0 ? { withheld } : {}), ...(others.length > 0 ? { otherLanguages: others } : {}) },
    };
  },
});

/** The reading commands; the subscription commands join them in the app's router. */
export const CORE_COMMANDS: readonly CommandDefinition<RouterServices>[] = [threadsCommand, relatedCommand, searchCommand, digestCommand];
