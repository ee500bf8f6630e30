import { z } from 'zod';
import { checkTelegramHtml, type ParsedEntity } from './html.ts';
import type { FakeChat, FakeUser, MemberStatus, SentMessage } from './state.ts';

/**
 * The Bot API methods the fake answers, with Telegram's validation and its error bodies.
 * Rate limits and injected failures are applied before these run (see server.ts).
 */

export type ApiAnswer =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error_code: number; readonly description: string; readonly parameters?: Record<string, number> };

export interface MethodState {
  readonly bot: FakeUser;
  chat(ref: unknown): FakeChat | undefined;
  member(chatId: number, userId: number): MemberStatus;
  nextMessageId(): number;
  readonly messages: SentMessage[];
  readonly commands: { command: string; description: string }[];
  /** Menus set for one language (`language_code`), shown to people whose app uses it. */
  readonly localizedCommands: Map<string, { command: string; description: string }[]>;
  readonly openCallbacks: Set<string>;
}

const ok = (result: unknown): ApiAnswer => ({ ok: true, result });
export const badRequest = (what: string): ApiAnswer => ({ ok: false, error_code: 400, description: `Bad Request: ${what}` });

const chatRef = z.union([z.number().int(), z.string().regex(/^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,31})$/u)]);
const button = z.object({ text: z.string().min(1), callback_data: z.string().optional(), url: z.string().optional() });
const markup = z.object({ inline_keyboard: z.array(z.array(button)) });
const textPayload = z.object({
  chat_id: chatRef,
  text: z.string(),
  parse_mode: z.enum(['HTML', 'MarkdownV2', 'Markdown']).optional(),
  message_thread_id: z.number().int().optional(),
  reply_markup: z.union([markup, z.string()]).optional(),
  link_preview_options: z
    .object({
      is_disabled: z.boolean().optional(),
      url: z
        .string()
        .regex(/^https?:\/\/\S+$/u)
        .optional(),
      prefer_small_media: z.boolean().optional(),
      prefer_large_media: z.boolean().optional(),
      show_above_text: z.boolean().optional(),
    })
    .optional(),
});
const editPayload = textPayload.omit({ message_thread_id: true }).extend({ message_id: z.number().int() });

function parse<T>(schema: z.ZodType<T>, payload: unknown): T | ApiAnswer {
  const parsed = schema.safeParse(payload);
  return parsed.success ? parsed.data : badRequest(`invalid parameters: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
}
const isAnswer = (value: unknown): value is ApiAnswer => typeof value === 'object' && value !== null && 'ok' in value;

/** Text, parse mode and keyboard checked as Telegram does: the visible text, or the error. */
function checkContent(
  p: z.infer<typeof textPayload>,
): { html: string; text: string; entities: readonly ParsedEntity[]; markup?: z.infer<typeof markup> } | ApiAnswer {
  // JSON can spell a lone surrogate ("\ud800"); Telegram's UTF-8 strings cannot hold one.
  if (!p.text.isWellFormed()) return badRequest('strings must be encoded in UTF-8');
  let text = p.text;
  let entities: readonly ParsedEntity[] = [];
  if (p.parse_mode === 'HTML') {
    const checked = checkTelegramHtml(p.text);
    if (!checked.ok) return { ok: false, error_code: 400, description: checked.description };
    text = checked.text;
    entities = checked.entities;
  } else if (p.parse_mode) {
    return badRequest('the fake only speaks HTML parse mode');
  }
  if (text.trim() === '') return badRequest('message text is empty');
  if (text.length > 4096) return badRequest('message is too long');
  const keyboard = typeof p.reply_markup === 'string' ? markup.safeParse(JSON.parse(p.reply_markup)) : { success: true as const, data: p.reply_markup };
  if (!keyboard.success) return badRequest("can't parse reply keyboard markup JSON object");
  for (const b of keyboard.data?.inline_keyboard.flat() ?? []) {
    if (!b.text.isWellFormed()) return badRequest('strings must be encoded in UTF-8');
    if ((b.callback_data === undefined) === (b.url === undefined)) return badRequest("can't parse inline keyboard button: exactly one field must be set");
    if (b.callback_data !== undefined) {
      const bytes = Buffer.byteLength(b.callback_data, 'utf8');
      if (bytes < 1 || bytes > 64) return badRequest('BUTTON_DATA_INVALID');
    }
  }
  return keyboard.data ? { html: p.text, text, entities, markup: keyboard.data } : { html: p.text, text, entities };
}

function sendMessage(state: MethodState, payload: unknown): ApiAnswer {
  const p = parse(textPayload, payload);
  if (isAnswer(p)) return p;
  const chat = state.chat(p.chat_id);
  if (!chat) return badRequest('chat not found');
  if (p.message_thread_id !== undefined && !chat.is_forum) return badRequest('message thread not found');
  const content = checkContent(p);
  if (isAnswer(content)) return content;
  const message: SentMessage = {
    message_id: state.nextMessageId(),
    chat_id: chat.id,
    message_thread_id: p.message_thread_id,
    html: content.html,
    text: content.text,
    entities: content.entities,
    reply_markup: content.markup,
    link_preview_options: p.link_preview_options,
    edits: 0,
  };
  state.messages.push(message);
  return ok({
    message_id: message.message_id,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: state.bot,
    text: content.text,
    ...(p.message_thread_id === undefined ? {} : { message_thread_id: p.message_thread_id, is_topic_message: true }),
    ...(content.markup ? { reply_markup: content.markup } : {}),
  });
}

function editMessageText(state: MethodState, payload: unknown): ApiAnswer {
  const p = parse(editPayload, payload);
  if (isAnswer(p)) return p;
  const chat = state.chat(p.chat_id);
  if (!chat) return badRequest('chat not found');
  const message = state.messages.find((m) => m.chat_id === chat.id && m.message_id === p.message_id);
  if (!message) return badRequest('message to edit not found');
  const content = checkContent(p);
  if (isAnswer(content)) return content;
  if (content.html === message.html && JSON.stringify(content.markup) === JSON.stringify(message.reply_markup)) {
    return badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  Object.assign(message, {
    html: content.html,
    text: content.text,
    entities: content.entities,
    reply_markup: content.markup,
    link_preview_options: p.link_preview_options,
    edits: message.edits + 1,
  });
  return ok({ message_id: message.message_id, chat, date: Math.floor(Date.now() / 1000), text: content.text, reply_markup: content.markup });
}

const commandsPayload = z.object({
  commands: z.array(z.object({ command: z.string(), description: z.string() })),
  /** "A two-letter ISO 639-1 language code. If empty, commands will be applied to all users." */
  language_code: z.string().optional(),
});

function setMyCommands(state: MethodState, payload: unknown): ApiAnswer {
  const p = parse(commandsPayload, payload);
  if (isAnswer(p)) return p;
  if (p.commands.length > 100) return badRequest('BOT_COMMANDS_TOO_MUCH');
  for (const c of p.commands) {
    if (!/^[a-z0-9_]{1,32}$/u.test(c.command)) return badRequest('BOT_COMMAND_INVALID');
    if (c.description.length < 1 || c.description.length > 256) return badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
  }
  if (p.language_code !== undefined && p.language_code !== '' && !/^[a-z]{2}$/u.test(p.language_code)) return badRequest('LANG_CODE_INVALID');
  if (p.language_code) state.localizedCommands.set(p.language_code, p.commands);
  else state.commands.splice(0, state.commands.length, ...p.commands);
  return ok(true);
}

const callbackPayload = z.object({ callback_query_id: z.string(), text: z.string().optional(), show_alert: z.boolean().optional() });

function answerCallbackQuery(state: MethodState, payload: unknown): ApiAnswer {
  const p = parse(callbackPayload, payload);
  if (isAnswer(p)) return p;
  if (!state.openCallbacks.delete(p.callback_query_id)) {
    return badRequest('query is too old and response timeout expired or query ID is invalid');
  }
  if (p.text !== undefined && p.text.length > 200) return badRequest('MESSAGE_TOO_LONG');
  return ok(true);
}

function getChat(state: MethodState, payload: unknown): ApiAnswer {
  const p = parse(z.object({ chat_id: chatRef }), payload);
  if (isAnswer(p)) return p;
  const chat = state.chat(p.chat_id);
  return chat ? ok(chat) : badRequest('chat not found');
}

function getChatMember(state: MethodState, payload: unknown): ApiAnswer {
  const p = parse(z.object({ chat_id: chatRef, user_id: z.number().int() }), payload);
  if (isAnswer(p)) return p;
  const chat = state.chat(p.chat_id);
  if (!chat) return badRequest('chat not found');
  // A channel's member list is closed to a bot that is not one of its administrators.
  const botStatus = state.member(chat.id, state.bot.id);
  if (chat.type === 'channel' && p.user_id !== state.bot.id && botStatus !== 'administrator') {
    return badRequest('member list is inaccessible');
  }
  const status = state.member(chat.id, p.user_id);
  return ok({ status, user: { id: p.user_id, is_bot: p.user_id === state.bot.id, first_name: `User ${p.user_id}` } });
}

export const METHODS: Record<string, (state: MethodState, payload: unknown) => ApiAnswer> = {
  getMe: (state) => ok({ ...state.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }),
  deleteWebhook: () => ok(true),
  setMyCommands,
  sendMessage,
  editMessageText,
  answerCallbackQuery,
  getChat,
  getChatMember,
};
