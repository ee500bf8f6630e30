import { fail, ok, parseHashtagArgument, type Failure, type Result } from '../core/index.ts';
import type { PageContext } from './context.ts';

/** How many "did you mean" tags an unknown hashtag's 404 offers. */
export const CLOSEST_LIMIT = 6;

/**
 * A hashtag from a URL, as the store spells it: normalized (`#Ouïghours` → `ouïghours`), checked
 * (`hashtag.invalid` → 400) and known (`hashtag.unknown` with the closest known tags → 404).
 */
export async function resolveTag(ctx: PageContext, input: string): Promise<Result<string, Failure>> {
  const parsed = parseHashtagArgument(input);
  if (!parsed.ok) return parsed;
  const tag = parsed.value;
  if ((await ctx.tags.tagCount(tag)) > 0) return ok(tag);
  return fail({ code: 'hashtag.unknown', tag, closest: await ctx.tags.closestTags(tag, CLOSEST_LIMIT) });
}

/** The status a tag failure answers with. */
export function failureStatus(failure: Failure): number {
  return failure.code === 'hashtag.unknown' ? 404 : failure.code === 'internal' ? 500 : 400;
}
