import { GrammyError, type Bot, type Context } from 'grammy';
import {
  createButtonCodec,
  describeFailure,
  parseCommandLine,
  supportedLocale,
  type ChatContext,
  type ChatRouter,
  type Clock,
  type LinkOptions,
  type Log,
  type Reply,
  type TagStore,
} from '../../core/index.ts';
import { CHANNEL_MANAGED_COMMANDS, channelContext, splitChannelArgument } from './channel.ts';
import { chatContextOf, topicOf } from './context.ts';
import { translatorFor } from '../../i18n/index.ts';
import { previewOptions } from './html.ts';
import { renderReplyHtml } from './render.ts';

/** Telegram's callback_data limit. */
export const CALLBACK_DATA_BYTES = 64;
const PARSE_MODE = { parse_mode: 'HTML' } as const;

export interface HandlerDeps {
  readonly router: ChatRouter;
  readonly tags: Pick<TagStore, 'tagsByPrefix'>;
  readonly log: Log;
  readonly clock: Clock;
  readonly links?: LinkOptions | undefined;
}

/**
 * What the bot does with updates, however they arrive (long polling or a webhook): commands from the
 * router in private chats, groups (`/threads@SpoolBot tag`) and forum topics (answered in the same
 * topic), inline buttons that page and re-sort by editing the message, channels managed from a private
 * chat, and one error boundary that answers politely and logs.
 */
export function installHandlers(bot: Bot, deps: HandlerDeps): void {
  const { router, log, clock } = deps;
  const codec = createButtonCodec({ maxBytes: CALLBACK_DATA_BYTES });
  const known = new Set([...router.commands.map((c) => c.name.toLowerCase()), 'start', 'help']);
  // Commands that also work on a message: sent as a reply to it without words, they take its text.
  const messageActions = new Set(router.definitions.filter((d) => d.messageAction).map((d) => d.name));

  async function send(ctx: Context, reply: Reply, chat: ChatContext): Promise<void> {
    const rendered = renderReplyHtml(reply, clock.now(), codec, deps.links, await router.presentationOf(chat));
    const topic = topicOf(ctx);
    for (const [i, message] of rendered.messages.entries()) {
      const last = i === rendered.messages.length - 1;
      await ctx.reply(message.html, {
        ...PARSE_MODE,
        link_preview_options: previewOptions(message),
        ...(topic === undefined ? {} : { message_thread_id: topic }),
        ...(last && rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
      });
    }
  }

  bot.on('message:text', async (ctx) => {
    const parsed = parseCommandLine(ctx.msg.text);
    if (!parsed) return;
    const addressed = parsed.bot !== undefined;
    if (addressed && parsed.bot?.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    const name = parsed.name.toLowerCase();
    // In a group, a command for some other bot is none of our business unless it names us.
    if (ctx.chat.type !== 'private' && !addressed && !known.has(name)) return;
    let chat: ChatContext = chatContextOf(ctx, log);
    let args = parsed.args;
    const replied = ctx.msg.reply_to_message;
    if (args.length === 0 && messageActions.has(name) && replied) args = messageWords(replied);
    const channel = ctx.chat.type === 'private' && CHANNEL_MANAGED_COMMANDS.has(name) ? splitChannelArgument(args, name) : undefined;
    if (channel) {
      const managed = await channelContext(ctx.api, channel.ref, { userId: ctx.from.id, botId: ctx.me.id }, log);
      if (!managed.ok) return send(ctx, { kind: 'notice', message: managed.failure }, chat);
      chat = managed.value;
      args = channel.rest;
    }
    await send(ctx, await router.execute(name, args, chat), chat);
  });

  bot.on('callback_query:data', async (ctx) => {
    const pressed = await router.readButton(ctx.callbackQuery.data);
    if (!pressed) {
      await ctx.answerCallbackQuery({ text: translatorFor((await router.presentationOf(chatContextOf(ctx, log))).locale).t('button.expired') });
      return;
    }
    await ctx.answerCallbackQuery();
    const chat = chatContextOf(ctx, log);
    const reply = await router.execute(pressed.command, pressed.args, chat, { cursor: pressed.cursor });
    if (pressed.fresh || !ctx.callbackQuery.message) return send(ctx, reply, chat);
    const rendered = renderReplyHtml(reply, clock.now(), codec, deps.links, await router.presentationOf(chat));
    if (rendered.messages.length > 1) log.warn({ parts: rendered.messages.length }, 'telegram: a page did not fit one message; editing with the first part');
    const [first = { html: '…' }] = rendered.messages;
    try {
      await ctx.editMessageText(first.html, {
        ...PARSE_MODE,
        link_preview_options: previewOptions(first),
        ...(rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
      });
    } catch (error) {
      // Pressing the button of the page already shown changes nothing: Telegram says so, we ignore it.
      if (!(error instanceof GrammyError && error.description.includes('message is not modified'))) throw error;
    }
  });

  bot.catch(async ({ error, ctx }) => {
    const fields = error instanceof GrammyError ? { method: error.method, status: error.error_code, description: error.description } : {};
    log.error(
      { updateId: ctx.update.update_id, chatId: ctx.chat?.id, ...fields, err: error instanceof Error ? error.message : String(error) },
      'telegram: handler failed',
    );
    if (!ctx.chat) return;
    const topic = topicOf(ctx);
    try {
      // The person's own language: the chat's settings may be what failed.
      const tr = translatorFor(supportedLocale(ctx.from?.language_code));
      await ctx.reply(describeFailure({ code: 'internal' }, tr), topic === undefined ? {} : { message_thread_id: topic });
    } catch (replyError) {
      log.warn(
        { chatId: ctx.chat.id, err: replyError instanceof Error ? replyError.message : String(replyError) },
        'telegram: could not send the apology either',
      );
    }
  });
}

/** The words of a message and the addresses of its text links (a link's label may not be its address). */
function messageWords(message: {
  text?: string;
  caption?: string;
  entities?: readonly { type: string; url?: string }[];
  caption_entities?: readonly { type: string; url?: string }[];
}): string[] {
  const text = message.text ?? message.caption ?? '';
  const linked = [...(message.entities ?? []), ...(message.caption_entities ?? [])].flatMap((e) => (e.type === 'text_link' && e.url ? [e.url] : []));
  return [...linked, ...text.split(/\s+/u)].filter((w) => w !== '');
}
