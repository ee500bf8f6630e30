import {
  bylineText,
  commandKeys,
  DEFAULT_PRESENTATION,
  describeFailure,
  digestClosingLines,
  settingsLines,
  sourceLabel,
  whenLabel,
  withheldLines,
  wordingOf,
  type Digest,
  type Presentation,
  type Reply,
  type ThreadSummary,
} from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';

/** One thread in plain text: author (or where it came from), length, language, age (or when seen), the excerpt indented, the link. */
/**
 * One thread in plain text: author (or where it came from), length, language, age (or when seen), a
 * content warning, the excerpt indented (a terminal has no spoilers: in `spoiler` mode the text is left
 * out and the warning says why), the picture's alt text and address, the link.
 */
export function renderSummary(item: ThreadSummary, index: number, now: Date, presentation: Presentation = DEFAULT_PRESENTATION): string {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const who = bylineText(item, tr);
  const grown = item.grownBy > 0 ? ` · ${wording.grown(item.grownBy)}` : '';
  const partial = item.storedCount < item.postCount ? ` ${wording.stored(item.storedCount)}` : '';
  const hidden = item.sensitive !== undefined && presentation.sensitive === 'spoiler';
  const lines = [`${index}. ${who} · ${wording.posts(item.postCount)}${partial}${grown} · ${item.lang} · ${whenLabel(item, now, tr)}`];
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
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const title = wording.digestTitle(digest);
  const closing = digestClosingLines(digest, tr);
  if (digest.items.length === 0) return [title, wording.digestNothingNew(digest), ...closing].join('\n');
  const body = [title, '', ...digest.items.map((item, i) => renderSummary(item, i + 1, now, presentation))].join('\n\n').replace(/\n\n\n/gu, '\n\n');
  return closing.length > 0 ? `${body}\n\n${closing.join('\n')}` : body;
}

function renderList(header: string, reply: Extract<Reply, { kind: 'threads' | 'search' }>, now: Date, presentation: Presentation): string {
  const closing = withheldLines(reply.withheld, translatorFor(presentation.locale));
  const cards = reply.items.map((item, i) => renderSummary(item, i + 1, now, presentation)).join('\n\n');
  return [`${header}\n\n${cards}`, ...(closing.length > 0 ? [closing.join('\n')] : [])].join('\n\n');
}

/** Any reply of the command router as console text (also what the CLI prints without --json). */
export function renderReply(reply: Reply, now: Date, presentation: Presentation = DEFAULT_PRESENTATION): string {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  switch (reply.kind) {
    case 'threads': {
      if (reply.items.length === 0) {
        return [reply.cursor ? wording.threadsNoMore(reply) : wording.threadsNone(reply), ...withheldLines(reply.withheld, tr)].join('\n');
      }
      const more = reply.nextCursor ? `\n\n${wording.moreHint()}` : '';
      return `${renderList(wording.threadsHeader(reply), reply, now, presentation)}${more}`;
    }
    case 'related':
      return reply.related.length === 0
        ? wording.relatedNone(reply)
        : `${wording.relatedHeader(reply)}: ${reply.related.map((r) => `#${r.tag} (${r.threads})`).join(', ')}`;
    case 'search':
      return reply.items.length === 0 ? [wording.searchNone(reply), ...withheldLines(reply.withheld, tr)].join('\n') : renderList(wording.searchHeader(reply), reply, now, presentation);
    case 'digest':
      return renderDigest(reply.digest, now, presentation);
    case 'help':
      return [wording.helpCommands(), ...reply.commands.map((c) => `  ${c.usage.padEnd(40)} ${tr.lookup(commandKeys(c).description) ?? c.description}`)].join('\n');
    case 'notice':
      return tr.say(reply.message);
    case 'subscriptions':
      return reply.subscriptions.length === 0
        ? wording.subscriptionsNone()
        : [`${wording.subscriptionsHeader()}:`, ...reply.subscriptions.map((s) => `  ${wording.subscriptionLine(s)}`)].join('\n');
    case 'settings':
      return [wording.settingsHeader(reply), ...settingsLines(reply.settings, tr).map((l) => `  ${l}`), wording.settingsHint()].join('\n');
    case 'failure':
      return describeFailure(reply.failure, tr);
  }
}
