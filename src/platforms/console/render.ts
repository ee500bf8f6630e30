import {
  bylineText,
  commandKeys,
  DEFAULT_PRESENTATION,
  describeFailure,
  noticeText,
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
  type Translator,
} from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';

/**
 * One thread in plain text: author (or where it came from), length, language, age (or when seen), a
 * content warning, the excerpt indented (a terminal has no spoilers: in `spoiler` mode the text is left
 * out and the warning says why), the picture's alt text and address, the link. A thread the chat saw
 * before says what is new ("+6 posts since Tuesday"); a search's matched words are not marked.
 */
export function renderSummary(item: ThreadSummary, index: number, now: Date, presentation: Presentation = DEFAULT_PRESENTATION): string {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  const who = bylineText(item, tr);
  const grown = item.growth ? ` · ${wording.grownSince(item.growth)}` : item.grownBy > 0 ? ` · ${wording.grown(item.grownBy)}` : '';
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
    case 'author': {
      if (reply.items.length === 0) return wording.authorNoMore(reply);
      const header = wording.authorHeader({ name: reply.author.name, ref: reply.ref, sort: reply.sort, total: reply.total });
      const more = reply.nextCursor ? `\n\n${wording.moreHint()}` : '';
      return `${header}\n\n${reply.items.map((item, i) => renderSummary(item, i + 1, now)).join('\n\n')}${more}`;
    }
    case 'thread':
      return renderThread(reply, tr);
    case 'related':
      return reply.related.length === 0
        ? wording.relatedNone(reply)
        : `${wording.relatedHeader(reply)}: ${reply.related.map((r) => `#${r.tag} (${r.threads})`).join(', ')}`;
    case 'search': {
      if (reply.items.length === 0)
        return [reply.cursor ? wording.searchNoMore(reply) : wording.searchNone(reply), ...withheldLines(reply.withheld, tr)].join('\n');
      const more = reply.nextCursor ? `\n\n${wording.moreHint()}` : '';
      return `${renderList(wording.searchHeader(reply), reply, now, presentation)}${more}`;
    }
    case 'digest':
      return renderDigest(reply.digest, now, presentation);
    case 'help':
      return [wording.helpCommands(), ...reply.commands.map((c) => `  ${c.usage.padEnd(40)} ${tr.lookup(commandKeys(c).description) ?? c.description}`)].join(
        '\n',
      );
    case 'notice':
      return noticeText(reply, tr);
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

/** `/unroll`'s page: the thread's title, what the fetch changed, the numbered posts, and where to read on. */
function renderThread(reply: Extract<Reply, { kind: 'thread' }>, tr: Translator): string {
  const wording = wordingOf(tr);
  const { thread } = reply;
  const title = wording.threadTitle({ who: bylineText(thread, tr), postCount: thread.postCount, storedCount: thread.storedCount });
  const update = reply.update ? [updateLine(reply.update, tr)] : [];
  const posts = reply.posts.map((post, i) => `${reply.first + i}/${thread.postCount} ${post.text.split('\n').join('\n   ')}`);
  const page = reply.pages > 1 ? [`${wording.threadPage(reply)}${reply.page < reply.pages ? ` · ${wording.moreHint()}` : ''}`] : [wording.threadEnd()];
  const link = reply.readerLink ?? thread.url;
  return [title, ...update, '', ...posts, '', ...page, ...(link ? [link] : [])].join('\n');
}

export function updateLine(update: NonNullable<Extract<Reply, { kind: 'thread' }>['update']>, tr: Translator): string {
  const wording = wordingOf(tr);
  if (update.status === 'new') return wording.unrolledNew({ posts: update.added });
  return update.status === 'grown' ? wording.unrolledGrown(update) : wording.unrolledSame();
}
