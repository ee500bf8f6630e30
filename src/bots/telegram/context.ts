import type { Api, Context } from 'grammy';
import type { ChatContext, Log } from '../../core/index.ts';

const ADMIN_STATUSES = new Set(['creator', 'administrator']);

/** Whether `userId` administers `chatId`, asked with getChatMember; any API failure counts as no. */
export async function isChatAdmin(api: Api, chatId: number | string, userId: number, log: Log): Promise<boolean> {
  try {
    const member = await api.getChatMember(chatId, userId);
    return ADMIN_STATUSES.has(member.status);
  } catch (error) {
    log.warn({ chatId, err: error instanceof Error ? error.message : String(error) }, 'telegram: getChatMember failed; treating as not an admin');
    return false;
  }
}

/** The forum topic an update belongs to, so that answers go back into the same topic. */
export function topicOf(ctx: Context): number | undefined {
  const message = ctx.callbackQuery?.message ?? ctx.msg;
  return message && 'is_topic_message' in message && message.is_topic_message ? message.message_thread_id : undefined;
}

/**
 * The router's view of the chat an update came from. `isAdmin` costs a getChatMember call, made
 * only when a command asks and at most once per update: a private chat is its user's own, and a
 * message sent "as the group" by an anonymous administrator is an administrator's.
 */
export function chatContextOf(ctx: Context, log: Log): ChatContext {
  const chat = ctx.chat;
  if (!chat) throw new Error('telegram: an update without a chat reached the router');
  const topic = topicOf(ctx);
  let answer: Promise<boolean> | undefined;
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    topicId: topic === undefined ? undefined : String(topic),
    userId: ctx.from === undefined ? undefined : String(ctx.from.id),
    isAdmin() {
      answer ??= (async () => {
        if (chat.type === 'private') return true;
        if (ctx.msg?.sender_chat?.id === chat.id) return true;
        const userId = ctx.from?.id;
        return userId === undefined ? false : isChatAdmin(ctx.api, chat.id, userId, log);
      })();
      return answer;
    },
  };
}
