import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import {
  argsFromOptions,
  describeFailure,
  encodeTagRef,
  failureReply,
  normalizeHashtag,
  resolveTagRef,
  wellFormed,
  supportedLocale,
  type ChatContext,
  type ChatRouter,
  type Log,
  type Reply,
  type TagStore,
} from '../../core/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import { targetOptionOf } from './commands.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { ephemeral, renderInteractionReply, type InteractionMessage } from './render-reply.ts';
import { clamp } from './safe-text.ts';
import { canPost, channelAccess, type ChannelAccess } from './channel-access.ts';
import { describeDiscordError } from './rest-errors.ts';

export interface InteractionHandlerOptions {
  readonly router: ChatRouter;
  readonly tags: Pick<TagStore, 'tagsByPrefix'>;
  readonly log: Log;
  /**
   * Discord drops an answer that comes later than 3 s; work still running after this long is
   * deferred (the token then lasts 15 min). Default 1500 ms: half the deadline, for the network.
   */
  readonly deferAfterMs?: number;
}

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

/** The message for edits and updates (which cannot change flags). */
const toEdit = (m: InteractionMessage) => ({ content: m.content, embeds: m.embeds, components: m.components, allowedMentions: { parse: [] } });
/** The message for replies and follow-ups, ephemeral when the rendering says so. */
const toOptions = (m: InteractionMessage): InteractionReplyOptions => ({ ...toEdit(m), ...(m.flags ? { flags: MessageFlags.Ephemeral } : {}) });

/**
 * Answers every interaction: slash commands through the router, hashtag (and time zone)
 * autocomplete, and the `/threads` buttons, which update the same message. One error boundary:
 * whatever fails is logged (without URLs, which carry interaction tokens) and the person gets an
 * ephemeral sentence, never silence.
 */
export function createInteractionHandler(options: InteractionHandlerOptions): (interaction: Interaction) => Promise<void> {
  const { router, tags, log } = options;
  const deferAfterMs = options.deferAfterMs ?? 1500;
  const definitions = new Map(router.definitions.map((d) => [d.name, d]));
  const messageActions = new Map(router.definitions.flatMap((d) => (d.messageAction ? [[d.messageAction.label, d.name] as const] : [])));
  const optionKinds = new Map(router.definitions.flatMap((d) => d.options.map((o) => [`${d.name}:${o.name}`, o.kind] as const)));

  /** Runs `work`; if it is not done within `deferAfterMs`, acknowledges first (`defer`) and answers with `edit`. */
  async function inTime(
    ctx: ChatContext,
    work: Promise<Reply>,
    send: (m: InteractionMessage[]) => Promise<void>,
    defer: () => Promise<unknown>,
    late: (m: InteractionMessage[]) => Promise<void>,
  ): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), deferAfterMs)));
    const first = await Promise.race([work, slow]).finally(() => clearTimeout(timer));
    if (first !== 'slow') return send(renderInteractionReply(first, await router.presentationOf(ctx)));
    await defer();
    const reply = await work;
    return late(renderInteractionReply(reply, await router.presentationOf(ctx)));
  }

  /**
   * The chat a command acts on: the channel it was typed in, or the one its `channel` option names.
   * Both questions are asked of that channel (issue 12, item 9): may this member manage it, and may
   * Spool post there. For the channel typed in, Discord computed both (`memberPermissions`,
   * `appPermissions`); for another, they are computed from its overwrites (channel-access.ts).
   */
  function context(interaction: ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction, channelId?: string): ChatContext {
    const here = channelId === undefined || channelId === interaction.channelId;
    let access: Promise<ChannelAccess> | undefined;
    const target = (): Promise<ChannelAccess> => (access ??= channelAccess(interaction, channelId ?? interaction.channelId, log));
    return {
      platform: 'discord',
      chatId: channelId ?? interaction.channelId,
      userId: interaction.user.id,
      deliverable: interaction.inGuild(),
      // The invoker's client language: answers are theirs (the chat's /language wins when set).
      locale: interaction.locale,
      // The answer is posted where the command was typed: age-restricted threads only in an NSFW channel.
      ageRestrictedAllowed: isNsfwChannel(interaction.channel),
      isAdmin: async () => (here ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false) : (await target()).memberMayManage),
      botCanPost: async () => (here ? canPost(interaction.appPermissions) : (await target()).botMayPost),
    };
  }

  async function command(interaction: ChatInputCommandInteraction): Promise<void> {
    const definition = definitions.get(interaction.commandName);
    const values = new Map<string, string>();
    for (const option of definition?.options ?? []) {
      const value = interaction.options.get(option.name)?.value;
      if (value === undefined || value === null) continue;
      // A hashtag picked from autocomplete may be a reference to a tag too long for a choice value.
      values.set(option.name, option.kind === 'hashtag' ? ((await resolveTagRef(String(value), tags)) ?? String(value)) : String(value));
    }
    const args = definition ? argsFromOptions(definition, (name) => values.get(name)) : [];
    const target = targetOptionOf(definition);
    const ctx = context(interaction, target ? values.get(target) : undefined);
    await answer(
      interaction,
      ctx,
      Promise.resolve().then(() => router.execute(interaction.commandName, args, ctx)),
    );
  }

  /**
   * A message's Apps menu ("Unroll thread"): the command declared with that `messageAction`, run on the
   * message's text and its embeds' links. Discord hands the message's content to a message command
   * without the privileged Message Content intent.
   */
  async function messageCommand(interaction: MessageContextMenuCommandInteraction): Promise<void> {
    const name = messageActions.get(interaction.commandName) ?? interaction.commandName;
    const message = interaction.targetMessage;
    const links = message.embeds.flatMap((e) => (e.url ? [e.url] : []));
    const args = [...message.content.split(/\s+/u), ...links].filter((w) => w !== '');
    const ctx = context(interaction);
    await answer(
      interaction,
      ctx,
      Promise.resolve().then(() => router.execute(name, args, ctx)),
    );
  }

  /** A command's answer in time: replied at once, or deferred and edited (a failure is never left public). */
  async function answer(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    ctx: ChatContext,
    work: Promise<Reply>,
  ): Promise<void> {
    await inTime(
      ctx,
      work,
      async ([first, ...rest]) => {
        if (first) await interaction.reply(toOptions(first));
        for (const m of rest) await interaction.followUp(toOptions(m));
      },
      () => interaction.deferReply(),
      async ([first, ...rest]) => {
        if (!first) return;
        if (first.flags) {
          // A deferred answer is public; a failure must not be: replace it with an ephemeral follow-up.
          await interaction.deleteReply();
          await interaction.followUp(toOptions(first));
        } else await interaction.editReply(toEdit(first));
        for (const m of rest) await interaction.followUp(toOptions(m));
      },
    );
  }

  /** Any of Spool's buttons (a page, the other sort order): the same message is updated with the answer. */
  async function pageButton(interaction: ButtonInteraction): Promise<void> {
    const ctx = context(interaction);
    // An expired button answers with a failure: ephemeral, so the message it is on stays as it was.
    const work = Promise.resolve()
      .then(() => router.readButton(interaction.customId))
      .then((pressed) => (pressed ? router.execute(pressed.command, pressed.args, ctx, { cursor: pressed.cursor }) : failureReply({ code: 'button.expired' })));
    await inTime(
      ctx,
      work,
      async ([first]) => {
        if (!first) return;
        if (first.flags) await interaction.reply(toOptions(first));
        else await interaction.update(toEdit(first));
      },
      () => interaction.deferUpdate(),
      async ([first]) => {
        if (!first) return;
        if (first.flags) await interaction.followUp(toOptions(first));
        else await interaction.editReply(toEdit(first));
      },
    );
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    if (optionKinds.get(`${interaction.commandName}:${focused.name}`) === 'timezone') {
      const typed = focused.value.toLowerCase();
      const zones = ['UTC', ...TIME_ZONES].filter((z) => z.toLowerCase().includes(typed)).slice(0, L.autocompleteChoices);
      await interaction.respond(zones.map((z) => ({ name: z, value: z })));
      return;
    }
    const prefix = normalizeHashtag(String(focused.value));
    const found = await tags.tagsByPrefix(prefix, L.autocompleteChoices);
    await interaction.respond(found.slice(0, L.autocompleteChoices).map((t) => tagChoice(t.tag, t.threads)));
  }

  return async function handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) return await autocomplete(interaction);
      if (interaction.isChatInputCommand()) return await command(interaction);
      if (interaction.isMessageContextMenuCommand()) return await messageCommand(interaction);
      if (interaction.isButton()) return await pageButton(interaction);
    } catch (error) {
      log.error({ platform: 'discord', interaction: interaction.type, ...describeDiscordError(error) }, 'discord interaction failed');
      await apologise(interaction).catch((again: unknown) =>
        log.warn({ platform: 'discord', ...describeDiscordError(again) }, 'discord: could not even apologise'),
      );
    }
  };
}

/**
 * One autocomplete choice for a stored tag. Discord refuses the whole answer if one name or value
 * is over 100 characters or holds half a surrogate pair (issue 12, item 5), and the value is what
 * the command receives, so it must name the real tag: a tag too long for a value (over 100 UTF-16
 * units: more than 50 astral letters) is sent as a reference the command resolves back
 * (custom-id.ts). The name is cut by code points with an ellipsis; the count goes first to go.
 */
export function tagChoice(tag: string, threads: number): { name: string; value: string } {
  const full = `#${tag} · ${threads} threads`;
  const name = full.length <= L.choiceName ? full : clamp(`#${tag}`, L.choiceName);
  return { name: wellFormed(name), value: wellFormed(encodeTagRef(tag, L.choiceValue, 'utf16')) };
}

/** Whether a channel is marked age-restricted; a thread inherits its parent's mark. Unknown: no. */
export function isNsfwChannel(channel: unknown): boolean {
  const c = channel as { nsfw?: unknown; parent?: { nsfw?: unknown } | null } | null | undefined;
  if (!c) return false;
  if (typeof c.nsfw === 'boolean') return c.nsfw;
  return c.parent?.nsfw === true;
}

async function apologise(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const sorry = toOptions(ephemeral(describeFailure({ code: 'internal' }, translatorFor(supportedLocale(interaction.locale)))));
  // A deferred command shows a public "thinking…" placeholder: remove it, the apology is private.
  if ((interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) && interaction.deferred && !interaction.replied)
    await interaction.deleteReply().catch(() => undefined);
  if (interaction.replied || interaction.deferred) await interaction.followUp(sorry);
  else await interaction.reply(sorry);
}
