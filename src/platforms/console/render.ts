import { bylineText, whenLabel, wording, type Digest, type Reply, type ThreadSummary } from '../../core/index.ts';

/** One thread in plain text: author (or where it came from), length, language, age (or when seen), the excerpt indented, the link. */
export function renderSummary(item: ThreadSummary, index: number, now: Date): string {
  const who = bylineText(item);
  const grown = item.grownBy > 0 ? ` · +${item.grownBy} new` : '';
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
    case 'related':
      return reply.related.length === 0
        ? wording.relatedNone(reply)
        : `${wording.relatedHeader(reply)}: ${reply.related.map((r) => `#${r.tag} (${r.threads})`).join(', ')}`;
    case 'search':
      return reply.items.length === 0
        ? wording.searchNone(reply)
        : `${wording.searchHeader(reply)}\n\n${reply.items.map((item, i) => renderSummary(item, i + 1, now)).join('\n\n')}`;
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
