import { z } from 'zod';

/**
 * The parts of Discord's REST answers the publisher relies on, checked at the boundary: a proxy
 * or an API change that answers something else fails one delivery with a clear reason instead of
 * posting to the wrong place. Only the fields used are named; the rest pass through unchecked.
 */
export const channelAnswer = z.object({ id: z.string(), type: z.number().int(), guild_id: z.string().optional(), nsfw: z.boolean().optional() });
export const userAnswer = z.object({ id: z.string() });
export const activeThreadsAnswer = z.object({
  threads: z.array(z.object({ id: z.string(), parent_id: z.string().nullish(), name: z.string().optional(), owner_id: z.string().optional() })),
});
export const createdAnswer = z.object({ id: z.string() });

/** Discord answered 2xx with a body of the wrong shape. */
export class DiscordAnswerError extends Error {
  override readonly name = 'DiscordAnswerError';
  constructor(
    readonly route: string,
    readonly issues: string,
  ) {
    super(`unexpected answer from ${route}: ${issues}`);
  }
}

export function parseAnswer<T>(schema: z.ZodType<T>, route: string, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new DiscordAnswerError(route, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}
