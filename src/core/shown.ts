import type { ChatContext } from './command.ts';
import type { Card } from './curate.ts';
import { summarizeCard, type ThreadSummary } from './digest.ts';
import { chatPresentation, type RouterServices } from './router.ts';
import type { StoredThread } from './thread.ts';
import { withholdFor, withheldCount, type Withheld } from './withhold.ts';

/**
 * The cards of a page this chat may see, their summaries, and what was withheld (see withhold.ts):
 * age-restricted threads never where they may not go, sensitive ones not when the chat chose `skip`.
 * `summarize` gives a card's summary options (a search's matched passage); the links by default.
 */
export async function shownTo(
  cards: readonly Card[],
  ctx: ChatContext,
  services: RouterServices,
  summarize: (thread: StoredThread) => Parameters<typeof summarizeCard>[1] = () => services.links,
): Promise<{ threads: StoredThread[]; items: ThreadSummary[]; withheld?: Withheld }> {
  const presentation = await chatPresentation(services, ctx);
  const { kept, withheld } = withholdFor(
    cards.map((card) => ({ card, sensitive: card.thread.sensitive })),
    presentation,
  );
  return {
    threads: kept.map((k) => k.card.thread),
    items: kept.map((k) => summarizeCard(k.card, summarize(k.card.thread))),
    ...(withheldCount(withheld) > 0 ? { withheld } : {}),
  };
}
