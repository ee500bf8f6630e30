import { bylineText, describeFailure, excerpt, type StoredThread } from '../core/index.ts';
import type { PageContext, WebResponse } from './context.ts';
import { escapeHtml } from './html.ts';
import { absoluteUrl, feedPath, tagPath, threadPath } from './paths.ts';
import { failureStatus, resolveTag } from './resolve-tag.ts';
import { english } from '../i18n/index.ts';

export const FEED_ITEMS = 30;

/**
 * `/tag/<hashtag>/feed.xml`: RSS 2.0 of the newest threads about a tag, each linking to its reader
 * page. Every text is XML-escaped (and stripped of characters XML forbids); the description carries
 * the stored posts as escaped HTML paragraphs, which is what feed readers expect.
 */
export async function renderFeed(ctx: PageContext, input: string): Promise<WebResponse> {
  const resolved = await resolveTag(ctx, input);
  if (!resolved.ok) return { status: failureStatus(resolved.failure), type: 'text', body: `${describeFailure(resolved.failure, english)}\n` };
  const tag = resolved.value;
  const page = await ctx.threads.threadsByTag({ tag, sort: 'recent', limit: FEED_ITEMS });
  const x = escapeHtml;
  const items = page.threads.map((t) => item(ctx, t)).join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>${x(`Threads about #${tag} · Spool`)}</title>
<link>${x(absoluteUrl(ctx.origin, tagPath(tag)))}</link>
<description>${x(`New threads about #${tag}, unrolled.`)}</description>
<atom:link href="${x(absoluteUrl(ctx.origin, feedPath(tag)))}" rel="self" type="application/rss+xml"/>
<lastBuildDate>${ctx.now.toUTCString()}</lastBuildDate>
<ttl>15</ttl>
${items}</channel></rss>
`;
  return { status: 200, type: 'xml', body, maxAge: 300 };
}

function item(ctx: PageContext, thread: StoredThread): string {
  const x = escapeHtml;
  const link = absoluteUrl(ctx.origin, threadPath(thread.id));
  const who = thread.author.handle ? thread.author.name || `@${thread.author.handle}` : bylineText(thread, english);
  const title = `${who}: ${excerpt(thread.posts[0]?.text ?? '', 90).replace(/\s+/gu, ' ')}`;
  const posts = thread.posts.map((p) => `<p>${x(p.text).replace(/\n/gu, '<br>')}</p>`).join('');
  const partial = thread.storedCount < thread.postCount ? `<p><em>${thread.storedCount} of ${thread.postCount} posts stored.</em></p>` : '';
  const created = Date.parse(thread.createdAt);
  return `<item><title>${x(title)}</title><link>${x(link)}</link><guid isPermaLink="false">${x(`spool:${thread.id}`)}</guid>${
    Number.isNaN(created) ? '' : `<pubDate>${new Date(created).toUTCString()}</pubDate>`
  }<dc:creator>${x(thread.author.handle ? `${who} (@${thread.author.handle})` : who)}</dc:creator>${thread.hashtags.map((t) => `<category>${x(t)}</category>`).join('')}<description>${x(posts + partial)}</description></item>
`;
}
