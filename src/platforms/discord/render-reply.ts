import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import {
  bylineText,
  commandKeys,
  createButtonCodec,
  DEFAULT_PRESENTATION,
  describeFailure,
  noticeText,
  otherSortButton,
  pageButtons,
  settingsLines,
  withheldLines,
  wordingOf,
  type Presentation,
  type Reply,
  type Translator,
  type Withheld,
  type Wording,
} from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { fitEmbeds, isHttpUrl, summaryEmbed } from './embeds.ts';
import { DISCORD_LIMITS as L, EPHEMERAL } from './limits.ts';
import { NO_MENTIONS, renderDiscordDigest } from './render-digest.ts';
import { clamp, neutralize, wellFormedPayload } from './safe-text.ts';

/** An answer to an interaction: what `reply`, `update`, `editReply` and `followUp` take. */
export interface InteractionMessage {
  readonly content?: string;
  readonly embeds?: APIEmbed[];
  readonly components?: APIActionRowComponent<APIButtonComponent>[];
  readonly flags?: number;
  readonly allowed_mentions: { readonly parse: [] };
}

/** Failures are for the person who asked only: an ephemeral sentence. */
/** Failures echo what was typed ("“<@&1>” is not a hashtag"): neutralised like any text from outside. */
export const ephemeral = (sentence: string): InteractionMessage =>
  wellFormedPayload({ content: clamp(neutralize(sentence), L.content), flags: EPHEMERAL, allowed_mentions: NO_MENTIONS });

const text = (content: string): InteractionMessage => ({ content: clamp(content, L.content), allowed_mentions: NO_MENTIONS });

function button(label: string, customId: string, style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary): APIButtonComponent {
  return { type: ComponentType.Button, style, label, custom_id: customId };
}

function linkButton(label: string, url: string): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Link, label, url };
}

const codec = createButtonCodec({ maxBytes: L.customId });

/** Next, first (and previous) page, plus the other sort order of a sortable list: one row, in that order. */
function pagingButtons(reply: Reply, wording: Wording): APIButtonComponent[] {
  const pages = pageButtons(reply);
  const buttons: APIButtonComponent[] = [];
  if (pages.previous) buttons.push(button(wording.pagePrevious(), codec.encode(pages.previous)));
  if (pages.next) buttons.push(button(wording.pageNext(), codec.encode(pages.next), ButtonStyle.Primary));
  if (pages.first) buttons.push(button(wording.pageFirst(), codec.encode(pages.first)));
  const other = otherSortButton(reply);
  if (other && 'sort' in other) buttons.push(button(other.sort === 'best' ? wording.sortBest() : wording.sortRecent(), codec.encode(other)));
  return buttons;
}

const rowOf = (buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] =>
  buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];

/** A post of an unrolled thread never takes more than this, so a page stays one embed. */
const MAX_POST = 3500;

/** `/unroll`'s page: one card with the numbered posts, what the fetch changed, paging and link buttons. */
function threadMessage(reply: Extract<Reply, { kind: 'thread' }>, tr: Translator): InteractionMessage {
  const wording = wordingOf(tr);
  const { thread } = reply;
  const title = wording.threadTitle({ who: bylineText(thread, tr), postCount: thread.postCount, storedCount: thread.storedCount });
  const posts = reply.posts.map((post, i) => `**${reply.first + i}/${thread.postCount}** ${neutralize(clamp(post.text, MAX_POST))}`).join('\n\n');
  const update = reply.update
    ? reply.update.status === 'new'
      ? wording.unrolledNew({ posts: reply.update.added })
      : reply.update.status === 'grown'
        ? wording.unrolledGrown(reply.update)
        : wording.unrolledSame()
    : undefined;
  const link = reply.readerLink ?? thread.url;
  const links = [
    ...(reply.readerLink && isHttpUrl(reply.readerLink) ? [linkButton(wording.threadReader(), reply.readerLink)] : []),
    ...(isHttpUrl(thread.url) ? [linkButton(wording.threadOriginal(), thread.url)] : []),
  ];
  return {
    ...(update ? { content: clamp(neutralize(update), L.content) } : {}),
    embeds: [
      {
        color: 0x5865f2,
        author: { name: clamp(title, L.authorName), ...(reply.authorLink && isHttpUrl(reply.authorLink) ? { url: reply.authorLink } : {}) },
        description: clamp(posts, L.embedDescription),
        footer: { text: clamp(reply.pages > 1 ? wording.threadPage(reply) : wording.threadEnd(), L.footerText) },
        ...(isHttpUrl(link) ? { url: link, title: clamp(title, L.embedTitle) } : {}),
      },
    ],
    components: rowOf([...pagingButtons(reply, wording), ...links]),
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * A router reply as one or more Discord messages (more only for a digest, whose later parts go as
 * follow-ups). `/threads` pages carry buttons: next page, first page, and the other sort order.
 * Every string in them is well-formed.
 */
/** The header of a list, then (in italics) what the chat did not get. */
function listContent(header: string, withheld: Withheld | undefined, tr: Translator): string {
  const closing = withheldLines(withheld, tr).map(neutralize);
  return clamp(closing.length > 0 ? `${neutralize(header)}\n*${closing.join('\n')}*` : neutralize(header), L.content);
}

export function renderInteractionReply(reply: Reply, presentation: Presentation = DEFAULT_PRESENTATION, now: Date = new Date()): InteractionMessage[] {
  return renderParts(reply, presentation, now).map(wellFormedPayload);
}

function renderParts(reply: Reply, presentation: Presentation, now: Date): InteractionMessage[] {
  const tr = translatorFor(presentation.locale);
  const wording = wordingOf(tr);
  switch (reply.kind) {
    case 'threads':
    case 'author': {
      const none = reply.kind === 'threads' ? wording.threadsNoMore(reply) : wording.authorNoMore(reply);
      const header =
        reply.kind === 'threads'
          ? wording.threadsHeader(reply)
          : wording.authorHeader({ name: reply.author.name, ref: reply.ref, sort: reply.sort, total: reply.total });
      return [
        {
          content: listContent(reply.items.length === 0 ? none : header, 'withheld' in reply ? reply.withheld : undefined, tr),
          embeds: fitEmbeds(reply.items.map((item) => summaryEmbed(item, now, presentation))),
          components: rowOf(pagingButtons(reply, wording)),
          allowed_mentions: NO_MENTIONS,
        },
      ];
    }
    case 'search':
      if (reply.items.length === 0)
        return [
          {
            ...text(listContent(reply.cursor ? wording.searchNoMore(reply) : wording.searchNone(reply), reply.withheld, tr)),
            components: rowOf(pagingButtons(reply, wording)),
          },
        ];
      return [
        {
          content: listContent(wording.searchHeader(reply), reply.withheld, tr),
          embeds: fitEmbeds(reply.items.map((item) => summaryEmbed(item, now, presentation))),
          components: rowOf(pagingButtons(reply, wording)),
          allowed_mentions: NO_MENTIONS,
        },
      ];
    case 'thread':
      return [threadMessage(reply, tr)];
    case 'related':
      return [
        text(
          reply.related.length === 0
            ? neutralize(wording.relatedNone(reply))
            : `${neutralize(wording.relatedHeader(reply))}: ${reply.related.map((r) => `${neutralize(`#${r.tag}`)} (${r.threads})`).join(', ')}`,
        ),
      ];
    case 'digest':
      return renderDiscordDigest(reply.digest, presentation).map((m) => ({ content: m.content, embeds: m.embeds, allowed_mentions: NO_MENTIONS }));
    case 'help':
      return [
        text(
          [
            neutralize(wording.helpIntro()),
            ...reply.commands.map((c) => `\`${c.usage}\` — ${neutralize(tr.lookup(commandKeys(c).description) ?? c.description)}`),
          ].join('\n'),
        ),
      ];
    case 'notice':
      return [text(neutralize(noticeText(reply, tr)))];
    case 'subscriptions':
      return [
        text(
          reply.subscriptions.length === 0
            ? neutralize(wording.subscriptionsNone())
            : [`${neutralize(wording.subscriptionsHeader())}:`, ...reply.subscriptions.map((s) => `• ${neutralize(wording.subscriptionLine(s))}`)].join('\n'),
        ),
      ];
    case 'settings':
      return [
        text(
          [
            `**${neutralize(wording.settingsHeader(reply))}**`,
            ...settingsLines(reply.settings, tr).map(neutralize),
            `*${neutralize(wording.settingsHint())}*`,
          ].join('\n'),
        ),
      ];
    case 'failure':
      return [ephemeral(describeFailure(reply.failure, tr))];
  }
}
