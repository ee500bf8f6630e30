import { cardOf, groupCopies, type Card } from './curate.ts';
import type { ThreadPage, ThreadQuery, ThreadStore } from './ports.ts';

/**
 * A page of `/threads` as cards: copies of one thread on several networks are one card (see
 * curate.ts), also when the copy would have fallen on the next page. The page reads three threads
 * ahead; a card whose copy lies within that is completed here and the next page starts after the
 * last thread this page used, so no copy is shown again. A page may so hold a card or two more than
 * asked. Copies further apart than the read-ahead (rare in `recent`: copies are posted together)
 * stay apart.
 */
/** Copies are posted together: a few threads past the page find them (each costs a row read). */
const READ_AHEAD = 3;

export async function threadCardsPage(
  threads: Pick<ThreadStore, 'threadsByTag'>,
  query: ThreadQuery,
): Promise<{ cards: Card[]; nextCursor: string | null; total: number }> {
  const ahead: ThreadPage = await threads.threadsByTag({ ...query, limit: query.limit + READ_AHEAD });
  const rows = ahead.threads;
  const groups = groupCopies(rows);
  const position = new Map(rows.map((t, i) => [t.id, i]));
  const last = (group: (typeof groups)[number]): number => Math.max(...group.map((t) => position.get(t.id) ?? 0));
  const first = (group: (typeof groups)[number]): number => position.get(group[0]?.id ?? '') ?? 0;
  // The first `limit` cards, then every card that starts before the last thread those cards use.
  const taken = new Set(groups.slice(0, query.limit));
  const end = (): number => Math.max(0, ...[...taken].map((g) => last(g) + 1));
  let used = end();
  for (let grew = true; grew; used = end()) {
    grew = false;
    for (const group of groups) {
      if (!taken.has(group) && first(group) < used) {
        taken.add(group);
        grew = true;
      }
    }
  }
  let nextCursor = ahead.nextCursor;
  if (used < rows.length) nextCursor = ahead.cursorAfter ? ahead.cursorAfter(used - 1) : (await threads.threadsByTag({ ...query, limit: used })).nextCursor;
  return { cards: groups.filter((g) => taken.has(g)).map(cardOf), nextCursor, total: ahead.total };
}
