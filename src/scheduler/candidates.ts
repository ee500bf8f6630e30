import type { AuthorStore, StoredThread, Subscription, ThreadStore } from '../core/index.ts';

export interface CandidateSources {
  readonly threads: Pick<ThreadStore, 'changedThreads'>;
  /** Without it, author subscriptions find nothing (a deployment whose store cannot read by author). */
  readonly authors?: Pick<AuthorStore, 'changedThreadsByAuthor'> | undefined;
}

/**
 * The threads new or grown in (since, until] that a subscription's digest chooses from, best first:
 * its hashtag's, or its author's. The store applies the one language and the minimum length; the
 * other filters (digest-filters.ts) are applied by the caller, which asks for more to have enough.
 */
export async function candidateThreads(
  subscription: Subscription,
  window: { readonly since: Date; readonly until: Date; readonly limit: number },
  sources: CandidateSources,
): Promise<readonly StoredThread[]> {
  const common = { since: window.since, until: window.until, limit: window.limit, lang: subscription.lang, minPosts: subscription.minPosts };
  if (subscription.author) return sources.authors ? sources.authors.changedThreadsByAuthor({ authorKey: subscription.author.key, ...common }) : [];
  return sources.threads.changedThreads({ tag: subscription.tag, ...common });
}

/** `#xinjiang`, or `@x.com/alice` for an author subscription: what a digest's title names. */
export function subjectOf(subscription: Subscription): string {
  return subscription.author ? `@${subscription.author.ref}` : `#${subscription.tag}`;
}
