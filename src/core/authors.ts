import type { Failure } from './failures.ts';
import { SOURCES, type SourceName } from './post.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * Authors as people name them in a chat, and as the store keeps them.
 *
 * A handle alone is ambiguous across networks (`@alice` on X and on an imported file), so a person
 * may say which network: `@alice@mastodon.social` (a Mastodon handle is always `user@instance`),
 * `@x.com/alice` (X), `@alice.bsky.social` (a Bluesky handle always has a dot), or `@sample:alice`
 * for any source Spool knows. The store answers every author with that handle; the command decides
 * whether the answer is one person or a question back.
 */
export interface AuthorQuery {
  /** The handle as the source writes it, lower-cased (`steppe_notes`, `alice@mastodon.social`). */
  readonly handle: string;
  /** The network, when the person named it. */
  readonly source?: SourceName | undefined;
}

/** One author the store knows, with how many of their threads it holds. */
export interface AuthorSummary {
  /** `authorKey(source, id)`: what subscriptions and queries are keyed by. */
  readonly key: string;
  readonly source: SourceName;
  /** The author's id at the source (X user id, Mastodon profile, Bluesky DID). */
  readonly id: string;
  readonly handle: string;
  readonly name: string;
  readonly threads: number;
}

/**
 * The stable key of an author across engines and handle changes: the thread's source and the
 * author's id at that source, joined by `|` (`x|42`, `bluesky|did:plc:abc`,
 * `mastodon|mastodon:https://mastodon.social/@alice`). Every store builds it this way.
 */
export function authorKey(source: string, authorId: string): string {
  return `${source}|${authorId}`;
}

const HANDLE = /^[\p{L}\p{N}_.-]{1,253}$/u;
const X_HOSTS = /^(?:www\.|mobile\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})\/?$/iu;

/**
 * `@steppe_notes`, `alice@mastodon.social`, `@x.com/alice`, `twitter.com/alice`, `@alice.bsky.social`,
 * `@jsonl:alice` → what to look for. The leading `@` is optional (the reader's `/author/<handle>`).
 */
export function parseAuthorArgument(input: string): Result<AuthorQuery, Failure> {
  const text = input
    .normalize('NFKC')
    .trim()
    .replace(/^[@＠]/u, '')
    .replace(/^https?:\/\//iu, '');
  const x = X_HOSTS.exec(text);
  if (x?.[1]) return ok({ handle: x[1].toLowerCase(), source: 'x' });
  const qualified = /^([a-z]+):(.+)$/u.exec(text);
  if (qualified?.[1] && qualified[2] && (SOURCES as readonly string[]).includes(qualified[1])) {
    const handle = qualified[2].replace(/^@/u, '');
    if (!handle.split('@').every((part) => HANDLE.test(part))) return fail({ code: 'author.invalid', input });
    return ok({ handle: handle.toLowerCase(), source: qualified[1] as SourceName });
  }
  const parts = text.split('@');
  // `user@instance` names a fediverse account whichever way it was stored (fetched from Mastodon, imported
  // from a file, the bundled sample): the handle itself is unambiguous, no source is needed.
  if (parts.length === 2 && parts.every((part) => HANDLE.test(part)) && parts[1]?.includes('.')) {
    return ok({ handle: text.toLowerCase() });
  }
  if (parts.length !== 1 || !HANDLE.test(text)) return fail({ code: 'author.invalid', input });
  return ok({ handle: text.toLowerCase() });
}

/** True when the word names an author (`@…`) rather than a hashtag or a search word. */
export function isAuthorWord(word: string): boolean {
  return /^[@＠]./u.test(word.trim());
}

/**
 * The one unambiguous way to name an author, for links, buttons and lists: `x.com/alice`,
 * `alice@mastodon.social`, `alice.bsky.social`, else `source:handle`. Parsing it gives the author back.
 */
export function authorRefOf(author: { readonly source: string; readonly handle: string }): string {
  const handle = author.handle;
  if (author.source === 'x') return `x.com/${handle}`;
  if (author.source === 'mastodon' && handle.includes('@')) return handle;
  if (author.source === 'bluesky' && handle.includes('.')) return handle;
  return `${author.source}:${handle}`;
}

/** True when `author` (a thread's) is the one `query` names. */
export function authorMatches(query: AuthorQuery, author: { readonly source: string; readonly handle: string }): boolean {
  return author.handle.toLowerCase() === query.handle && (query.source === undefined || query.source === author.source);
}
