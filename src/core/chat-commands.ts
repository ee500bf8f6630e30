import { defineCommand, type CommandDefinition, type CommandOption } from './command.ts';
import { cardOf, curateDigest, groupCopies, type Card } from './curate.ts';
import { composeDigest, summarizeCard } from './digest.ts';
import type { Failure } from './failures.ts';
import { parseHashtagArgument } from './hashtags.ts';
import type { TagStore } from './ports.ts';
import { isSort, type Sort } from './rank.ts';
import { fail, ok, type Result } from './result.ts';
import { chatPresentation, DEFAULT_PAGE_SIZE, ECHO_CHARS, failureReply, type RouterServices } from './router.ts';
import type { ChatContext } from './command.ts';
import { clipText } from './text.ts';
import type { StoredThread } from './thread.ts';
import { threadCardsPage } from './threads-page.ts';
import { foldLanguages, withholdFor, withheldCount, type Withheld } from './withhold.ts';
import { searchTerms } from './search.ts';

const RELATED_LIMIT = 10;
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

/** The cards of a page this chat may see, their summaries, and what was withheld (see withhold.ts). */
async function shownTo(cards: readonly Card[], ctx: ChatContext, services: RouterServices) {
  const presentation = await chatPresentation(services, ctx);
  const { kept, withheld } = withholdFor(
    cards.map((card) => ({ card, sensitive: card.thread.sensitive })),
    presentation,
  );
  return {
    threads: kept.map((k) => k.card.thread),
    items: kept.map((k) => summarizeCard(k.card, services.links)),
    ...(withheldCount(withheld) > 0 ? { withheld } : {}),
  } satisfies { threads: StoredThread[]; items: unknown[]; withheld?: Withheld };
}

/** A hashtag that must also be known to the store; an unknown one comes back with the closest known. */
async function knownTag(tag: string, tags: TagStore): Promise<Result<string, Failure>> {
  if ((await tags.tagCount(tag)) > 0) return ok(tag);
  return fail({ code: 'hashtag.unknown', tag, closest: await tags.closestTags(tag, 5) });
}

export const threadsCommand = defineCommand<RouterServices, { tag: string; sort: Sort }>({
  name: 'threads',
  description: 'The latest (or best) threads about a hashtag',
  options: [
    HASHTAG_OPTION,
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
    const tag = hashtagArgument(args[0]);
    if (!tag.ok) return tag;
    const sort = (args[1] ?? 'recent').toLowerCase();
    if (!isSort(sort)) return fail({ code: 'sort.invalid', input: args[1] ?? '' });
    return ok({ tag: tag.value, sort });
  },
  async run({ tag, sort }, ctx, services, options) {
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
 * `/search <words…> [#tag]`: every word must match (accents ignored); a word written as a hashtag limits
 * the search to threads with that tag.
 */
export const searchCommand = defineCommand<RouterServices, { words: string; tag?: string | undefined }>({
  name: 'search',
  description: 'Search the text of stored threads (add #tag to search one hashtag)',
  options: [{ name: 'words', kind: 'text', description: 'Words to look for, and #tag to search one hashtag', required: true, rest: true, maxLength: 200 }],
  parse(args) {
    const tags = args.filter((a) => a.startsWith('#') || a.startsWith('＃'));
    const words = args.filter((a) => !tags.includes(a)).join(' ').trim();
    if (words === '') return fail({ code: 'search.missing' });
    if (searchTerms(words).length === 0) return fail({ code: 'search.invalid', input: words });
    if (tags.length > 1) return fail({ code: 'search.invalid', input: tags.join(' ') });
    if (tags[0] === undefined) return ok({ words });
    const tag = parseHashtagArgument(tags[0]);
    return tag.ok ? ok({ words, tag: tag.value }) : tag;
  },
  async run({ words, tag }, ctx, services, options) {
    if (tag !== undefined) {
      const known = await knownTag(tag, services.tags);
      if (!known.ok) return failureReply(known.failure);
    }
    const page = await services.threads.search({ words, tag, limit: options.limit ?? services.pageSize ?? DEFAULT_PAGE_SIZE, cursor: options.cursor });
    return {
      kind: 'search',
      words: clipText(words, ECHO_CHARS),
      tag,
      ...(await shownTo(groupCopies(page.threads).map(cardOf), ctx, services)),
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
