import { postSchema, type Post, type PostInput } from '../../src/core/index.ts';

let counter = 0;

/** A valid post with sensible defaults; tests override only what they are about. */
export function makePost(overrides: Partial<PostInput> & { id: string }): Post {
  counter++;
  const authorId = overrides.author?.id ?? 'a1';
  return postSchema.parse({
    source: 'x',
    author: { id: authorId, handle: `user_${authorId}`, name: `User ${authorId}` },
    text: `post ${counter} #xinjiang`,
    createdAt: new Date(Date.UTC(2026, 10, 20, 12, 0, counter)).toISOString(),
    url: `https://example.com/${overrides.id}`,
    ...overrides,
  });
}

/** A self-reply chain by one author: ids `${prefix}1..n`, each replying to the previous. */
export function makeChain(prefix: string, n: number, authorId = 'a1', extra: Partial<PostInput> = {}): Post[] {
  return Array.from({ length: n }, (_, i) =>
    makePost({
      id: `x:${prefix}${i + 1}`,
      author: { id: authorId, handle: `user_${authorId}`, name: '' },
      createdAt: new Date(Date.UTC(2026, 10, 20, 12, i)).toISOString(),
      text: `${prefix} part ${i + 1} #xinjiang`,
      ...(i > 0 ? { replyToId: `x:${prefix}${i}`, replyToAuthorId: authorId } : {}),
      ...extra,
    }),
  );
}

export const fixedClock = (iso = '2026-11-23T12:00:00Z') => {
  let now = new Date(iso);
  return {
    now: () => now,
    set: (next: string | Date) => {
      now = new Date(next);
    },
  };
};
