import {
  bylineText,
  DEFAULT_PRESENTATION,
  digestClosingLines,
  settingsLines,
  sourceLabel,
  whenLabel,
  withheldLines,
  wording,
  type Digest,
  type Presentation,
  type Reply,
  type ThreadSummary,
} from '../../core/index.ts';

/** One thread in plain text: author (or where it came from), length, language, age (or when seen), the excerpt indented, the link. */
/**
 * One thread in plain text: author (or where it came from), length, language, age (or when seen), a
 * content warning, the excerpt indented (a terminal has no spoilers: in `spoiler` mode the text is left
 * out and the warning says why), the picture's alt text and address, the link.
 */
export function renderSummary(item: ThreadSummary, index: number, now: Date, presentation: Presentation = DEFAULT_PRESENTATION): string {
  const who = bylineText(item);
  const grown = item.grownBy > 0 ? ` · +${item.grownBy} new` : '';
  const partial = item.storedCount < item.postCount ? ` (${item.storedCount} stored)` : '';
  const hidden = item.sensitive !== undefined && presentation.sensitive === 'spoiler';
  const lines = [`${index}. ${who} · 🧵 ${item.postCount} posts${partial}${grown} · ${item.lang} · ${whenLabel(item, now)}`];
  if (item.sensitive) lines.push(`   ${wording.contentWarning({ warning: item.sensitive.warning })}`);
  if (!hidden) {
    lines.push(...item.excerpt.split('\n').map((line) => `   ${line}`));
    if (presentation.media && item.image) lines.push(`   ${wording.pictureAlt({ alt: item.image.alt })} — ${item.image.url}`);
  } else if (presentation.media && item.image) lines.push(`   ${wording.pictureHidden()}`);
  if (item.alsoOn?.length) lines.push(`   ${wording.alsoOn()} ${item.alsoOn.map((c) => `${sourceLabel(c.source)}: ${c.url}`).join(' · ')}`);
  if (item.similar) lines.push(`   ${wording.similarPosts({ count: item.similar })}`);
  if (item.link) lines.push(`   ${item.link}`);
  return lines.join('\n');
}

export function renderDigest(digest: Digest, now: Date, presentation: Presentation = DEFAULT_PRESENTATION): string {
  const closing = digestClosingLines(digest);
  if (digest.items.length === 0) return [digest.title, wording.digestNothingNew(digest), ...closing].join('\n');
  const body = [digest.title, '', ...digest.items.map((item, i) => renderSummary(item, i + 1, now, presentation))].join('\n\n').replace(/\n\n\n/gu, '\n\n');
  return closing.length > 0 ? `${body}\n\n${closing.join('\n')}` : body;
}

function renderList(header: string, reply: Extract<Reply, { kind: 'threads' | 'search' }>, now: Date, presentation: Presentation): string {
  const closing = withheldLines(reply.withheld);
  const cards = reply.items.map((item, i) => renderSummary(item, i + 1, now, presentation)).join('\n\n');
  return [`${header}\n\n${cards}`, ...(closing.length > 0 ? [closing.join('\n')] : [])].join('\n\n');
}

/** Any reply of the command router as console text (also what the CLI prints without --json). */
export function renderReply(reply: Reply, now: Date, presentation: Presentation = DEFAULT_PRESENTATION): string {
  switch (reply.kind) {
    case 'threads': {
      if (reply.items.length === 0) {
        return [reply.cursor ? wording.threadsNoMore(reply) : wording.threadsNone(reply), ...withheldLines(reply.withheld)].join('\n');
      }
      const more = reply.nextCursor ? `\n\n${wording.moreHint()}` : '';
      return `${renderList(wording.threadsHeader(reply), reply, now, presentation)}${more}`;
    }
    case 'related':
      return reply.related.length === 0
        ? wording.relatedNone(reply)
        : `${wording.relatedHeader(reply)}: ${reply.related.map((r) => `#${r.tag} (${r.threads})`).join(', ')}`;
    case 'search':
      return reply.items.length === 0 ? [wording.searchNone(reply), ...withheldLines(reply.withheld)].join('\n') : renderList(wording.searchHeader(reply), reply, now, presentation);
    case 'digest':
      return renderDigest(reply.digest, now, presentation);
    case 'help':
      return ['Commands:', ...reply.commands.map((c) => `  ${c.usage.padEnd(40)} ${c.description}`)].join('\n');
    case 'notice':
      return reply.text;
    case 'subscriptions':
      return reply.subscriptions.length === 0
        ? wording.subscriptionsNone()
        : [`${wording.subscriptionsHeader()}:`, ...reply.subscriptions.map((s) => `  ${wording.subscriptionLine(s)}`)].join('\n');
    case 'settings':
      return [wording.settingsHeader(reply), ...settingsLines(reply.settings).map((l) => `  ${l}`), wording.settingsHint()].join('\n');
    case 'failure':
      return reply.message;
  }
}
