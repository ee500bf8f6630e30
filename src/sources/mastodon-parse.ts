import { z } from 'zod';
import { normalizeHashtag, type PostInput } from '../core/index.ts';
import { htmlToText } from './html-text.ts';
import { collect, emptyPage, timestampField, type ParsedPage } from './parsed.ts';

/**
 * Mastodon statuses (REST API v1) → core posts. Status and account ids are local to the instance
 * that served them, so global ids carry its host: `mastodon:mastodon.social/1134`. Reblogs and
 * non-public statuses are skipped; a content warning stays apart from the body as a "CW: …" line.
 */
const accountSchema = z.object({
  id: z.string().min(1),
  acct: z.string().min(1),
  username: z.string().optional(),
  display_name: z.string().default(''),
  url: z.string().nullish(),
  bot: z.boolean().nullish(),
});

export const mastodonStatusSchema = z.object({
  id: z.string().min(1),
  uri: z.string().default(''),
  url: z.string().nullish(),
  created_at: timestampField,
  account: accountSchema,
  content: z.string(),
  spoiler_text: z.string().default(''),
  visibility: z.string().default('public'),
  in_reply_to_id: z.string().nullish(),
  in_reply_to_account_id: z.string().nullish(),
  reblog: z.unknown().nullish(),
  tags: z.array(z.object({ name: z.string() })).default([]),
  language: z.string().nullish(),
  replies_count: z.number().int().nonnegative().default(0),
  reblogs_count: z.number().int().nonnegative().default(0),
  favourites_count: z.number().int().nonnegative().default(0),
  media_attachments: z.array(z.unknown()).default([]),
});
export type MastodonStatus = z.infer<typeof mastodonStatusSchema>;

export function mastodonId(host: string, id: string): string {
  return `mastodon:${host}/${id}`;
}

export function mastodonStatusToPost(status: MastodonStatus, host: string): PostInput | undefined {
  if (status.reblog) return undefined;
  if (status.visibility === 'private' || status.visibility === 'direct') return undefined;
  const body = htmlToText(status.content);
  const warning = status.spoiler_text.trim();
  const text = warning ? `CW: ${warning}\n${body}` : body;
  return {
    id: mastodonId(host, status.id),
    source: 'mastodon',
    author: {
      id: `${host}/${status.account.id}`,
      handle: status.account.acct,
      name: status.account.display_name,
      bot: status.account.bot ?? false,
    },
    text,
    createdAt: status.created_at,
    url: status.url ?? status.uri,
    ...(status.language ? { lang: status.language } : {}),
    ...(status.in_reply_to_id ? { replyToId: mastodonId(host, status.in_reply_to_id) } : {}),
    ...(status.in_reply_to_account_id ? { replyToAuthorId: `${host}/${status.in_reply_to_account_id}` } : {}),
    hashtags: [...new Set(status.tags.map((t) => normalizeHashtag(t.name)).filter((t) => t.length > 0))],
    media: status.media_attachments.length,
    metrics: { likes: status.favourites_count, reposts: status.reblogs_count, replies: status.replies_count },
  };
}

/** A list of statuses (a timeline page, or a context's ancestors + descendants), item by item. */
export function parseMastodonStatuses(items: readonly unknown[], host: string): ParsedPage {
  const page = emptyPage();
  for (const raw of items) collect(page, 'status', raw, mastodonStatusSchema, (s) => mastodonStatusToPost(s, host));
  return page;
}

/**
 * The instance a saved response came from, for `spool import`: the host of a local account's URL
 * (its `acct` has no `@domain`); else the host of the first status URL.
 */
export function guessMastodonHost(items: readonly unknown[]): string {
  let fallback: string | undefined;
  for (const raw of items) {
    const parsed = z.object({ url: z.string().nullish(), account: z.object({ acct: z.string(), url: z.string().nullish() }) }).safeParse(raw);
    if (!parsed.success) continue;
    const hostOf = (url: string | null | undefined): string | undefined => {
      try {
        return url ? new URL(url).host : undefined;
      } catch {
        return undefined;
      }
    };
    if (!parsed.data.account.acct.includes('@')) {
      const host = hostOf(parsed.data.account.url);
      if (host) return host;
    }
    fallback ??= hostOf(parsed.data.url);
  }
  return fallback ?? 'unknown';
}
