import { bylineText, whenLabel, wording, type Digest, type Reply, type ThreadSummary } from '../../core/index.ts';

/**
 * One thread in plain text: author (or where it came from), length, language, age (or when seen), the
 * excerpt indented, the link. A thread the chat saw before says what is new ("+6 posts since Tuesday")
 * and shows that; a search's matched words are not marked (a terminal has no bold to rely on).
 */
export function renderSummary(item: ThreadSummary, index: number, now: Date): string {
  const who = bylineText(item);
  const grown = item.growth ? ` · ${wording.grownSince(item.growth)}` : item.grownBy > 0 ? ` · +${item.grownBy} new` : '';
  const partial = item.storedCount < item.postCount ? ` (${item.storedCount} stored)` : '';
  const lines = [
    `${index}. ${who} · 🧵 ${item.postCount} posts${partial}${grown} · ${item.lang} · ${whenLabel(item, now)}`,
    ...item.excerpt.split('\n').map((line) => `   ${line}`),
  ];
  if (item.link) lines.push(`   ${item.link}`);
  return lines.join('\n');
}

export function renderDigest(digest: Digest, now: Date): string {
  if (digest.items.length === 0) return `${digest.title}\n${wording.digestNothingNew(digest)}`;
  return [digest.title, '', ...digest.items.map((item, i) => renderSummary(item, i + 1, now))].join('\n\n').replace(/\n\n\n/gu, '\n\n');
}

/** Any reply of the command router as console text (also what the CLI prints without --json). */
export function renderReply(reply: Reply, now: Date): string {
  switch (reply.kind) {
    case 'threads': {
      if (reply.items.length === 0) return reply.cursor ? wording.threadsNoMore(reply) : wording.threadsNone(reply);
      const header = wording.threadsHeader(reply);
      const more = reply.nextCursor ? `\n\n${wording.moreHint()}` : '';
      return `${header}\n\n${reply.items.map((item, i) => renderSummary(item, i + 1, now)).join('\n\n')}${more}`;
    }
    case 'author': {
      if (reply.items.length === 0) return wording.authorNoMore(reply);
      const header = wording.authorHeader({ name: reply.author.name, ref: reply.ref, sort: reply.sort, total: reply.total });
      const more = reply.nextCursor ? `\n\n${wording.moreHint()}` : '';
      return `${header}\n\n${reply.items.map((item, i) => renderSummary(item, i + 1, now)).join('\n\n')}${more}`;
    }
    case 'thread':
      return renderThread(reply);
    case 'related':
      return reply.related.length === 0
        ? wording.relatedNone(reply)
        : `${wording.relatedHeader(reply)}: ${reply.related.map((r) => `#${r.tag} (${r.threads})`).join(', ')}`;
    case 'search': {
      if (reply.items.length === 0) return reply.cursor ? wording.searchNoMore(reply) : wording.searchNone(reply);
      const more = reply.nextCursor ? `\n\n${wording.moreHint()}` : '';
      return `${wording.searchHeader(reply)}\n\n${reply.items.map((item, i) => renderSummary(item, i + 1, now)).join('\n\n')}${more}`;
    }
    case 'digest':
      return renderDigest(reply.digest, now);
    case 'help':
      return ['Commands:', ...reply.commands.map((c) => `  ${c.usage.padEnd(40)} ${c.description}`)].join('\n');
    case 'notice':
      return reply.text;
    case 'subscriptions':
      return reply.subscriptions.length === 0
        ? wording.subscriptionsNone()
        : [`${wording.subscriptionsHeader()}:`, ...reply.subscriptions.map((s) => `  ${wording.subscriptionLine(s)}`)].join('\n');
    case 'failure':
      return reply.message;
  }
}

/** `/unroll`'s page: the thread's title, what the fetch changed, the numbered posts, and where to read on. */
function renderThread(reply: Extract<Reply, { kind: 'thread' }>): string {
  const { thread } = reply;
  const title = wording.threadTitle({ who: bylineText(thread), postCount: thread.postCount, storedCount: thread.storedCount });
  const update = reply.update ? [updateLine(reply.update)] : [];
  const posts = reply.posts.map((post, i) => `${reply.first + i}/${thread.postCount} ${post.text.split('\n').join('\n   ')}`);
  const page = reply.pages > 1 ? [`${wording.threadPage(reply)}${reply.page < reply.pages ? ` · ${wording.moreHint()}` : ''}`] : [wording.threadEnd()];
  const link = reply.readerLink ?? thread.url;
  return [title, ...update, '', ...posts, '', ...page, ...(link ? [link] : [])].join('\n');
}

export function updateLine(update: NonNullable<Extract<Reply, { kind: 'thread' }>['update']>): string {
  if (update.status === 'new') return wording.unrolledNew({ posts: update.added });
  return update.status === 'grown' ? wording.unrolledGrown(update) : wording.unrolledSame();
}
