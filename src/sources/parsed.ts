import { z } from 'zod';
import { oneLine, parseTimestamp, postSchema, type Post, type PostInput } from '../core/index.ts';
import { zodReason } from './zod-reason.ts';

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

/** The id of a raw item for a report line, whatever shape it has: one short line, control characters escaped. */
export function rawId(item: unknown): string {
  if (item && typeof item === 'object') {
    const record = item as Record<string, unknown>;
    for (const key of ['id', 'uri', 'guid']) {
      const value = record[key];
      if (typeof value === 'string' || typeof value === 'number') return oneLine(String(value), 80);
    }
  }
  return '(no id)';
}

/**
 * An upstream date field, read into the stored ISO form; a date that is none fails this record
 * only (its report line quotes it), never the page or the file around it.
 */
export const timestampField = z.string().transform((value, ctx) => {
  const iso = parseTimestamp(value);
  if (iso !== undefined) return iso;
  ctx.addIssue({ code: 'custom', message: `unreadable date "${oneLine(value, 40)}"` });
  return z.NEVER;
});

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
  let input: PostInput | undefined;
  try {
    input = map(item.data);
  } catch (error) {
    // A mapping bug on hostile data must cost this record, not the page (and not the poller's cursor).
    page.issues.push(`${kind} ${rawId(raw)}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return;
  }
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
