import { postSchema, type Post, type PostInput } from '../core/index.ts';
import { zodReason } from './zod-reason.ts';
import type { z } from 'zod';

/** What a parser makes of one upstream page: the good posts, and one line per item it skipped. */
export interface ParsedPage {
  readonly posts: Post[];
  /** "status 123: content: expected string" — the item's id when it had one. */
  readonly issues: string[];
  /** Items deliberately left out (reposts, private posts): not errors. */
  readonly skipped: number;
}

export function emptyPage(): { posts: Post[]; issues: string[]; skipped: number } {
  return { posts: [], issues: [], skipped: 0 };
}

/** The id of a raw item for a report line, whatever shape it has. */
export function rawId(item: unknown): string {
  if (item && typeof item === 'object') {
    const record = item as Record<string, unknown>;
    for (const key of ['id', 'uri', 'guid']) {
      const value = record[key];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  }
  return '(no id)';
}

/**
 * Validates one raw item with its upstream schema, maps it, and validates the result as a core post.
 * Either failure becomes an issue naming the item; the page goes on.
 */
export function collect<S extends z.ZodType>(
  page: { posts: Post[]; issues: string[]; skipped: number },
  kind: string,
  raw: unknown,
  schema: S,
  map: (item: z.infer<S>) => PostInput | undefined,
): void {
  const item = schema.safeParse(raw);
  if (!item.success) {
    page.issues.push(`${kind} ${rawId(raw)}: ${zodReason(item.error)}`);
    return;
  }
  const input = map(item.data);
  if (input === undefined) {
    page.skipped++;
    return;
  }
  const post = postSchema.safeParse(input);
  if (!post.success) {
    page.issues.push(`${kind} ${rawId(raw)}: ${zodReason(post.error)}`);
    return;
  }
  page.posts.push(post.data);
}
