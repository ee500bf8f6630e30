/** What a request asks for, decided from its method and URL alone (no store access). */
export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'tag'; readonly tag: string; readonly query: URLSearchParams }
  | { readonly page: 'feed'; readonly tag: string }
  | { readonly page: 'thread'; readonly id: string }
  /** `/author/x.com%2Falice`, `/author/alice@mastodon.social`: one author's threads. */
  | { readonly page: 'author'; readonly ref: string; readonly query: URLSearchParams }
  /** `/tag?q=Xinjiang`: the header's "go to a hashtag" form, which works without JavaScript. */
  | { readonly page: 'goto'; readonly input: string }
  | { readonly page: 'healthz' }
  | { readonly page: 'bad-request'; readonly message: string }
  | { readonly page: 'not-found' };

/**
 * Maps a request target (`req.url`: path and query, percent-encoded by the client) to a route.
 * Segments are percent-decoded here; a malformed escape (`%E0%A4%A`) is a bad request, not a crash.
 * Browsers send non-Latin paths (`/tag/可可托海`) percent-encoded, which is what arrives here.
 */
export function parseRoute(target: string): Route {
  const queryAt = target.indexOf('?');
  const path = queryAt >= 0 ? target.slice(0, queryAt) : target;
  const query = new URLSearchParams(queryAt >= 0 ? target.slice(queryAt + 1) : '');
  if (path === '/' || path === '') return { page: 'home' };
  if (path === '/healthz') return { page: 'healthz' };
  if (path === '/tag' || path === '/tag/') return { page: 'goto', input: query.get('q') ?? '' };
  if (path.startsWith('/thread/')) {
    // Everything after the prefix is the id, so a hand-written link with raw `/` in it still works.
    const id = decode(path.slice('/thread/'.length).replace(/\/+$/u, ''));
    if (id === undefined) return badEncoding();
    return id === '' ? { page: 'not-found' } : { page: 'thread', id };
  }
  if (path.startsWith('/author/')) {
    // Like a thread id, an author's name may hold `/` (x.com/alice): the whole rest is the name.
    const ref = decode(path.slice('/author/'.length).replace(/\/+$/u, ''));
    if (ref === undefined) return badEncoding();
    return ref === '' ? { page: 'not-found' } : { page: 'author', ref, query };
  }
  const tagMatch = /^\/tag\/([^/]+)(\/feed\.xml|\/)?$/u.exec(path);
  if (tagMatch?.[1]) {
    const tag = decode(tagMatch[1]);
    if (tag === undefined) return badEncoding();
    return tagMatch[2] === '/feed.xml' ? { page: 'feed', tag } : { page: 'tag', tag, query };
  }
  return { page: 'not-found' };
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function badEncoding(): Route {
  return { page: 'bad-request', message: 'That address is not valid: it has a broken percent-escape (like %E0%A4 without its last byte).' };
}
