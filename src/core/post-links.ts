import type { Failure } from './failures.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * A link to one post, as people share them, reduced to what the network's API is asked with.
 * Parsing does no I/O: whether the post exists, is public, or the host really is a Mastodon server
 * is for the fetcher to find out.
 */
export type PostLink =
  /** `https://x.com/USER/status/ID` (twitter.com, www., mobile., `/i/web/status/ID`). */
  | { readonly network: 'x'; readonly id: string; readonly user?: string | undefined }
  /** `https://INSTANCE/@USER/ID`, `…/@USER@REMOTE/ID`, `…/users/USER/statuses/ID`: the id is the instance's own. */
  | { readonly network: 'mastodon'; readonly instance: string; readonly id: string; readonly user: string }
  /** `https://bsky.app/profile/HANDLE-OR-DID/post/RKEY`. */
  | { readonly network: 'bluesky'; readonly actor: string; readonly rkey: string };

export type PostNetwork = PostLink['network'];

const X_HOST = /^(?:www\.|mobile\.)?(?:x|twitter)\.com$/u;
const X_PATH = /^\/(?:([A-Za-z0-9_]{1,15})\/status(?:es)?|i\/web\/status)\/(\d{1,20})(?:\/.*)?$/u;
const BSKY_HOST = /^(?:www\.)?bsky\.app$/u;
const BSKY_PATH = /^\/profile\/([^/]{1,253})\/post\/([A-Za-z0-9._:~-]{1,512})\/?$/u;
const MASTODON_PATHS = [/^\/@([A-Za-z0-9_.-]{1,64}(?:@[A-Za-z0-9.-]{1,253})?)\/(\d{1,20})\/?$/u, /^\/users\/([A-Za-z0-9_.-]{1,64})\/statuses\/(\d{1,20})\/?$/u];

/** A shared post link → what to fetch; anything else is `unroll.unsupported` (or `unroll.missing` when empty). */
export function parsePostLink(input: string): Result<PostLink, Failure> {
  const text = input.trim().replace(/^<(.*)>$/u, '$1');
  if (text === '') return fail({ code: 'unroll.missing' });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail({ code: 'unroll.unsupported', input });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail({ code: 'unroll.unsupported', input });
  const host = url.hostname.toLowerCase();
  if (X_HOST.test(host)) {
    const match = X_PATH.exec(url.pathname);
    return match?.[2] ? ok({ network: 'x', id: match[2], user: match[1] }) : fail({ code: 'unroll.unsupported', input });
  }
  if (BSKY_HOST.test(host)) {
    const match = BSKY_PATH.exec(url.pathname);
    return match?.[1] && match[2]
      ? ok({ network: 'bluesky', actor: decodeURIComponent(match[1]), rkey: match[2] })
      : fail({ code: 'unroll.unsupported', input });
  }
  for (const path of MASTODON_PATHS) {
    const match = path.exec(url.pathname);
    if (match?.[1] && match[2]) return ok({ network: 'mastodon', instance: url.origin, id: match[2], user: match[1] });
  }
  return fail({ code: 'unroll.unsupported', input });
}

/**
 * The first post link among the words of a message (a message shared into the chat, a context-menu
 * target): the first word that parses wins; when none does, the first word that looks like a link
 * is reported as unsupported, a single word as unsupported, and a message without links as such.
 */
export function findPostLink(words: readonly string[]): Result<PostLink, Failure> {
  const links = words
    .map((w) =>
      w
        .trim()
        .replace(/^<(.*)>$/u, '$1')
        .replace(/^[([«“"']+/u, '')
        .replace(/[)\].,!?»”"']+$/u, ''),
    )
    .filter((w) => /^https?:\/\//iu.test(w));
  for (const link of links) {
    const parsed = parsePostLink(link);
    if (parsed.ok) return parsed;
  }
  if (links[0] !== undefined) return fail({ code: 'unroll.unsupported', input: links[0] });
  const given = words.filter((w) => w.trim() !== '');
  if (given.length === 0) return fail({ code: 'unroll.missing' });
  // One word is a link typed wrong; several are a message with no link in it.
  return given.length === 1 ? fail({ code: 'unroll.unsupported', input: given[0] ?? '' }) : fail({ code: 'unroll.no-link' });
}
