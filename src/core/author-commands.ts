import { authorRefOf, parseAuthorArgument, type AuthorSummary } from './authors.ts';
import { buttonRef } from './buttons.ts';
import { cardOf } from './curate.ts';
import type { Failure } from './failures.ts';
import type { AuthorStore } from './ports.ts';
import type { Sort } from './rank.ts';
import type { Reply } from './replies.ts';
import { fail, ok, type Result } from './result.ts';
import { DEFAULT_PAGE_SIZE, failureReply, type RouterServices } from './router.ts';
import type { ChatContext, RunOptions } from './command.ts';
import { shownTo } from './shown.ts';

/** How many authors of one handle are looked at: more than this is still "ambiguous". */
const CANDIDATES = 10;

/**
 * The one author `input` names (`@alice`, `@alice@mastodon.social`, `@x.com/alice` …): unknown when
 * the store has no thread of theirs, ambiguous (with the unambiguous names) when several have it.
 */
export async function resolveAuthor(input: string, authors: Pick<AuthorStore, 'findAuthors'>): Promise<Result<AuthorSummary, Failure>> {
  const query = parseAuthorArgument(input);
  if (!query.ok) return query;
  const found = await authors.findAuthors(query.value, CANDIDATES);
  const shown = input.trim().startsWith('@') ? input.trim() : `@${input.trim()}`;
  if (found.length === 0 || !found[0]) return fail({ code: 'author.unknown', input: shown });
  if (found.length > 1) return fail({ code: 'author.ambiguous', input: shown, refs: found.map(authorRefOf) });
  return ok(found[0]);
}

/** `/threads @handle [recent|best]`: one author's threads, paged like a tag's. */
export async function authorThreads(input: string, sort: Sort, services: RouterServices, options: RunOptions, ctx: ChatContext): Promise<Reply> {
  const author = await resolveAuthor(input, services.authors);
  if (!author.ok) return failureReply(author.failure);
  const limit = options.limit ?? services.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = await services.authors.threadsByAuthor({ authorKey: author.value.key, sort, limit, cursor: options.cursor });
  const ref = authorRefOf(author.value);
  return {
    kind: 'author',
    author: author.value,
    ref,
    buttonRef: await buttonRef(ref, services.keys),
    sort,
    // One author's threads: nothing to fold together, but sensitive and age-restricted ones are withheld like anywhere.
    ...(await shownTo(
      page.threads.map((t) => cardOf([t])),
      ctx,
      services,
    )),
    total: page.total,
    cursor: options.cursor,
    nextCursor: page.nextCursor,
  };
}
