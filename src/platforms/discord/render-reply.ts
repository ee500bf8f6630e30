import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import {
  commandKeys,
  createButtonCodec,
  DEFAULT_PRESENTATION,
  describeFailure,
  settingsLines,
  withheldLines,
  wordingOf,
  type Presentation,
  type Reply,
  type Translator,
  type Withheld,
} from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { fitEmbeds, summaryEmbed } from './embeds.ts';
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
export const ephemeral = (sentence: string): InteractionMessage => wellFormedPayload({ content: clamp(neutralize(sentence), L.content), flags: EPHEMERAL, allowed_mentions: NO_MENTIONS });

const text = (content: string): InteractionMessage => ({ content: clamp(content, L.content), allowed_mentions: NO_MENTIONS });

function button(label: string, customId: string, style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary): APIButtonComponent {
  return { type: ComponentType.Button, style, label, custom_id: customId };
}

const codec = createButtonCodec({ maxBytes: L.customId });

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
    case 'threads': {
      const header = reply.items.length === 0 ? wording.threadsNoMore(reply) : wording.threadsHeader(reply);
      const buttons: APIButtonComponent[] = [];
      if (reply.nextCursor) buttons.push(button(wording.pageNext(), codec.encode({ tag: reply.tag, sort: reply.sort, cursor: reply.nextCursor }), ButtonStyle.Primary));
      if (reply.cursor) buttons.push(button(wording.pageFirst(), codec.encode({ tag: reply.tag, sort: reply.sort })));
      const other = reply.sort === 'best' ? 'recent' : 'best';
      buttons.push(button(other === 'best' ? wording.sortBest() : wording.sortRecent(), codec.encode({ tag: reply.tag, sort: other })));
      return [
        {
          content: listContent(header, reply.withheld, tr),
          embeds: fitEmbeds(reply.items.map((item) => summaryEmbed(item, now, presentation))),
          components: [{ type: ComponentType.ActionRow, components: buttons }],
          allowed_mentions: NO_MENTIONS,
        },
      ];
    }
    case 'search':
      if (reply.items.length === 0) return [text(listContent(wording.searchNone(reply), reply.withheld, tr))];
      return [{ content: listContent(wording.searchHeader(reply), reply.withheld, tr), embeds: fitEmbeds(reply.items.map((item) => summaryEmbed(item, now, presentation))), allowed_mentions: NO_MENTIONS }];
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
      return [text([neutralize(wording.helpIntro()), ...reply.commands.map((c) => `\`${c.usage}\` — ${neutralize(tr.lookup(commandKeys(c).description) ?? c.description)}`)].join('\n'))];
    case 'notice':
      return [text(neutralize(tr.say(reply.message)))];
    case 'subscriptions':
      return [
        text(
          reply.subscriptions.length === 0
            ? neutralize(wording.subscriptionsNone())
            : [`${neutralize(wording.subscriptionsHeader())}:`, ...reply.subscriptions.map((s) => `• ${neutralize(wording.subscriptionLine(s))}`)].join('\n'),
        ),
      ];
    case 'settings':
      return [text([`**${neutralize(wording.settingsHeader(reply))}**`, ...settingsLines(reply.settings, tr).map(neutralize), `*${neutralize(wording.settingsHint())}*`].join('\n'))];
    case 'failure':
      return [ephemeral(describeFailure(reply.failure, tr))];
  }
}
