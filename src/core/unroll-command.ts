import { buttonRef } from './buttons.ts';
import { defineCommand, type CommandDefinition, type RunOptions } from './command.ts';
import { authorLink, threadLink } from './digest.ts';
import type { PostSink, ThreadFetcher } from './ports.ts';
import { findPostLink, type PostLink } from './post-links.ts';
import { SOURCES } from './post.ts';
import type { Reply } from './replies.ts';
import { ok } from './result.ts';
import { failureReply, type RouterServices } from './router.ts';
import { threadPages } from './thread-pages.ts';
import type { StoredThread } from './thread.ts';

/** What `/unroll` needs besides the router's services: somewhere to store, something to fetch with. */
export interface UnrollServices extends RouterServices {
  readonly posts: PostSink;
  readonly fetcher: ThreadFetcher;
}

/** A stored thread's id (`x:123`, `mastodon:https://…`): what the paging buttons send back. */
const STORED_ID = new RegExp(`^(?:${SOURCES.join('|')}):\\S+$`, 'u');

type UnrollInput = { readonly link: PostLink } | { readonly stored: string };

/**
 * `/unroll <post link>`: fetches the whole thread the post belongs to through its network's API (X,
 * Mastodon on any instance, Bluesky), stores it (a thread already stored gains its new posts), and
 * answers with its first page. The paging buttons send the stored thread's id instead of the link,
 * so turning a page never fetches again. A message's text works too: its first post link is used.
 */
export const unrollCommand = defineCommand<UnrollServices, UnrollInput>({
  name: 'unroll',
  description: 'The whole thread of a post link from X, Mastodon or Bluesky',
  options: [{ name: 'link', kind: 'text', description: 'The link of any post of the thread', required: true, rest: true, maxLength: 500 }],
  messageAction: { label: 'Unroll thread' },
  parse(args) {
    const only = args.length === 1 ? args[0] : undefined;
    if (only !== undefined && STORED_ID.test(only) && !/^https?:/iu.test(only)) return ok({ stored: only });
    const link = findPostLink(args);
    return link.ok ? ok({ link: link.value }) : link;
  },
  async run(input, _ctx, services, options) {
    if ('stored' in input) {
      const thread = await services.threads.getThread(input.stored);
      if (!thread) return failureReply({ code: 'thread.unknown', id: input.stored });
      return threadReply(thread, services, options);
    }
    const fetched = await services.fetcher.fetchThread(input.link);
    if (!fetched.ok) return failureReply(fetched.failure);
    const { postId, posts } = fetched.value;
    const beforeId = await services.threads.threadIdOfPost(postId);
    const before = beforeId ? await services.threads.getThread(beforeId) : undefined;
    await services.posts.ingest(posts);
    const id = await services.threads.threadIdOfPost(postId);
    const thread = id ? await services.threads.getThread(id) : undefined;
    if (!thread) return failureReply({ code: 'unroll.not-a-thread' });
    const added = thread.storedCount - (before?.storedCount ?? 0);
    const update = !before
      ? { status: 'new' as const, added: thread.storedCount }
      : added > 0
        ? { status: 'grown' as const, added }
        : { status: 'same' as const, added: 0 };
    return threadReply(thread, services, options, update);
  },
});

/** One page of `thread`: `options.cursor` is the page number; `options.limit` posts per page (the CLI asks for all). */
async function threadReply(
  thread: StoredThread,
  services: RouterServices,
  options: RunOptions,
  update?: Extract<Reply, { kind: 'thread' }>['update'],
): Promise<Reply> {
  const pages = threadPages(thread.posts, options.limit ? { posts: options.limit, chars: Number.POSITIVE_INFINITY } : {});
  const wanted = Number(options.cursor ?? '1');
  const page = Number.isInteger(wanted) && wanted >= 1 ? Math.min(wanted, pages.length) : 1;
  const [start = 0, end = 0] = pages[page - 1] ?? [];
  return {
    kind: 'thread',
    thread,
    posts: thread.posts.slice(start, end),
    first: start + 1,
    page,
    pages: pages.length,
    buttonRef: await buttonRef(thread.id, services.keys),
    readerLink: services.links?.publicUrl ? threadLink(thread, services.links) : undefined,
    authorLink: authorLink(thread, services.links),
    update,
  };
}

export const UNROLL_COMMANDS: readonly CommandDefinition<UnrollServices>[] = [unrollCommand];
