import type { ThreadPost } from './thread.ts';

/**
 * A whole thread in chat-sized pages. A page holds consecutive posts up to `chars` characters of
 * text (and at most `posts` posts), at least one post, so a page of chat HTML or an embed
 * (4,096 each) never needs to be split; a single post longer than that is shortened by the platform.
 * Pages depend only on the posts, so page 3 is the same page whenever a button asks for it.
 */
export const THREAD_PAGE_CHARS = 3000;
export const THREAD_PAGE_POSTS = 10;

/** Each page as [first index, end index) into `posts`. */
export function threadPages(posts: readonly Pick<ThreadPost, 'text'>[], limits: { readonly chars?: number; readonly posts?: number } = {}): [number, number][] {
  const maxChars = limits.chars ?? THREAD_PAGE_CHARS;
  const maxPosts = limits.posts ?? THREAD_PAGE_POSTS;
  const pages: [number, number][] = [];
  let start = 0;
  let chars = 0;
  for (let i = 0; i < posts.length; i++) {
    const length = posts[i]?.text.length ?? 0;
    const count = i - start;
    if (count > 0 && (count >= maxPosts || chars + length > maxChars)) {
      pages.push([start, i]);
      start = i;
      chars = 0;
    }
    chars += length;
  }
  if (posts.length > 0) pages.push([start, posts.length]);
  return pages;
}
