import { authorPath } from '../core/index.ts';

/**
 * Every URL the reader links to is built here, so that links and routes cannot drift apart.
 * `threadPath` is exactly what core's `threadLink` appends to SPOOL_PUBLIC_URL.
 */

export interface TagPageParams {
  readonly sort?: 'recent' | 'best' | undefined;
  readonly lang?: string | undefined;
  readonly after?: string | undefined;
}

export function tagPath(tag: string, params?: TagPageParams): string {
  if (!params || (!params.lang && !params.after && params.sort !== 'best')) return `/tag/${encodeURIComponent(tag)}`;
  const query = new URLSearchParams();
  if (params.sort && params.sort !== 'recent') query.set('sort', params.sort);
  if (params.lang) query.set('lang', params.lang);
  if (params.after) query.set('after', params.after);
  const search = query.toString();
  return `/tag/${encodeURIComponent(tag)}${search ? `?${search}` : ''}`;
}

export function feedPath(tag: string): string {
  return `/tag/${encodeURIComponent(tag)}/feed.xml`;
}

/** Thread ids contain `:` and `/` (`threadreader:abc/2`): the whole id is one encoded segment. */
export function threadPath(id: string): string {
  return `/thread/${encodeURIComponent(id)}`;
}

/** An absolute URL for feeds and canonical links: the public URL when configured, else the request's origin. */
export function absoluteUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/u, '')}${path}`;
}

/** An author's page: `authorPath` of the core, so that chat cards and the reader link to the same place. */
export function authorPagePath(
  author: { readonly source: string; readonly handle: string },
  params?: { readonly sort?: 'recent' | 'best'; readonly after?: string | undefined },
): string {
  const path = authorPath(author);
  const query = new URLSearchParams();
  if (params?.sort === 'best') query.set('sort', 'best');
  if (params?.after) query.set('after', params.after);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
