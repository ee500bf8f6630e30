import { z } from 'zod';
import { parseHashtagArgument } from '../core/index.ts';

// The `sources` entries of config/spool.json: what each poller needs, validated where it is used.

/** "5m", "90s", "1h": how often a source is polled. */
const every = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/u, 'use a number and a unit, like "5m", "90s" or "1h"')
  .transform((text) => {
    const [, n = '0', unit = 's'] = /^(\d+)(ms|s|m|h)$/u.exec(text) ?? [];
    return Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  })
  .refine((ms) => ms >= 10_000, 'poll at most every 10s');

export const hashtag = z.string().transform((input, ctx) => {
  const parsed = parseHashtagArgument(input);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `“${input}” is not a hashtag` });
  return z.NEVER;
});

const hashtags = z.array(hashtag).default([]);
export const httpUrl = z.url({ protocol: /^https?$/u });

export const sourceConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('mastodon'), instance: httpUrl, hashtags, every: every.default(300_000) }),
  z.strictObject({ type: z.literal('x'), hashtags, every: every.default(900_000) }),
  z.strictObject({ type: z.literal('bluesky'), hashtags, every: every.default(600_000) }),
  z.strictObject({ type: z.literal('rss'), url: httpUrl, hashtags, every: every.default(600_000) }),
]);
export type SourceConfig = z.infer<typeof sourceConfigSchema>;
