import type { SourceName } from './post.ts';

/**
 * Who a thread's author is across networks, as keys `network:name` (`x:steppe_notes`,
 * `bluesky:steppe.bsky.social`, `mastodon:steppe@mastodon.social`). Two threads whose authors share a
 * key are by the same person: the same account seen through a bridge, or an account that links to
 * the other in its profile.
 *
 * Bridges (Bridgy Fed, bird.makeup) give bridged accounts handles that name the original:
 * - a Bluesky account on Mastodon is `handle@bsky.brid.gy`;
 * - a Mastodon account on Bluesky is `user.instance.ap.brid.gy` (Mastodon user names have no dots);
 * - an X account on Mastodon through bird.makeup is `user@bird.makeup`.
 */

export interface IdentitySubject {
  readonly source: SourceName;
  readonly author: { readonly id?: string; readonly handle: string; readonly links?: readonly string[] | undefined };
}

const lower = (s: string): string => s.trim().toLowerCase().replace(/^@/u, '');

/** The key of a profile URL on a network Spool knows, or undefined (a blog, a shop …). */
export function profileKeyOfUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^(www|mobile)\./u, '');
  const parts = url.pathname.split('/').filter((p) => p !== '');
  if ((host === 'x.com' || host === 'twitter.com') && parts.length === 1 && /^[A-Za-z0-9_]{1,15}$/u.test(parts[0] ?? '')) {
    return `x:${lower(parts[0] ?? '')}`;
  }
  if (host === 'bsky.app' && parts[0] === 'profile' && parts.length === 2 && parts[1] && !parts[1].startsWith('did:')) {
    return `bluesky:${lower(parts[1])}`;
  }
  const at = parts.length === 1 ? /^@([A-Za-z0-9_]{1,64})$/u.exec(parts[0] ?? '') : null;
  if (at?.[1]) return `mastodon:${lower(at[1])}@${host}`;
  return undefined;
}

/** The keys of a handle on its own network, and of the original account when the handle is a bridge's. */
function handleKeys(source: SourceName, rawHandle: string, authorId: string | undefined): string[] {
  const handle = lower(rawHandle);
  if (handle === '') return [];
  switch (source) {
    case 'x':
      return [`x:${handle}`];
    case 'bluesky': {
      const bridged = /^([a-z0-9_]+)\.(.+)\.ap\.brid\.gy$/u.exec(handle);
      return bridged ? [`bluesky:${handle}`, `mastodon:${bridged[1]}@${bridged[2]}`] : [`bluesky:${handle}`];
    }
    case 'mastodon': {
      const [user = '', host = ''] = handle.split('@');
      if (host === 'bsky.brid.gy') return [`mastodon:${handle}`, `bluesky:${user}`];
      if (host === 'bird.makeup') return [`mastodon:${handle}`, `x:${user}`];
      return [`mastodon:${handle}`];
    }
    case 'rss':
      // A feed whose items name no author is a publication, not a person (its author id is the feed's own).
      return authorId?.includes('#') ? [`rss:${authorId.toLowerCase()}`] : [];
    default:
      // Files: the name is only known on its own source.
      return [`${source}:${handle}`];
  }
}

/** Every key the thread's author is known by: their own, the bridged original's, and the profiles they link to. */
export function identityKeys(subject: IdentitySubject): string[] {
  const keys = new Set(handleKeys(subject.source, subject.author.handle, subject.author.id));
  for (const link of subject.author.links ?? []) {
    const key = profileKeyOfUrl(link);
    if (key) keys.add(key);
  }
  return [...keys];
}

/** Whether two threads' authors are known to be the same person. */
export function sameIdentity(a: IdentitySubject, b: IdentitySubject): boolean {
  const keys = new Set(identityKeys(a));
  return identityKeys(b).some((k) => keys.has(k));
}
