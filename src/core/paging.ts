import type { Button } from './buttons.ts';
import type { Reply } from './replies.ts';

/**
 * The pages around an answer, as buttons: what the platforms' keyboards show and what the
 * console's `/more` follows. Undefined where there is no such page.
 */
export interface PageButtons {
  readonly next?: Button | undefined;
  readonly previous?: Button | undefined;
  readonly first?: Button | undefined;
}

export function pageButtons(reply: Reply): PageButtons {
  switch (reply.kind) {
    case 'threads':
      return {
        next: reply.nextCursor ? { tag: reply.tag, sort: reply.sort, cursor: reply.nextCursor } : undefined,
        first: reply.cursor ? { tag: reply.tag, sort: reply.sort } : undefined,
      };
    case 'author':
      return {
        next: reply.nextCursor ? { kind: 'author', ref: reply.buttonRef, sort: reply.sort, cursor: reply.nextCursor } : undefined,
        first: reply.cursor ? { kind: 'author', ref: reply.buttonRef, sort: reply.sort } : undefined,
      };
    case 'search':
      return {
        next: reply.nextCursor ? { kind: 'search', ref: reply.buttonRef, cursor: reply.nextCursor } : undefined,
        first: reply.cursor ? { kind: 'search', ref: reply.buttonRef } : undefined,
      };
    case 'thread':
      return {
        next: reply.page < reply.pages ? { kind: 'thread', ref: reply.buttonRef, page: reply.page + 1 } : undefined,
        previous: reply.page > 1 ? { kind: 'thread', ref: reply.buttonRef, page: reply.page - 1 } : undefined,
      };
    default:
      return {};
  }
}

/** The other sort order of a sortable list (threads of a tag or of an author), from its first page. */
export function otherSortButton(reply: Reply): Button | undefined {
  if (reply.kind === 'threads') return { tag: reply.tag, sort: reply.sort === 'best' ? 'recent' : 'best' };
  if (reply.kind === 'author') return { kind: 'author', ref: reply.buttonRef, sort: reply.sort === 'best' ? 'recent' : 'best' };
  return undefined;
}

/** True for answers that `/more` and the paging buttons can continue. */
export function isPaged(reply: Reply): boolean {
  return reply.kind === 'threads' || reply.kind === 'author' || reply.kind === 'search' || reply.kind === 'thread';
}
