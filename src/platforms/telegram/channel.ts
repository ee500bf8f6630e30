import { GrammyError, type Api } from 'grammy';
import { fail, message, ok, type ChatContext, type Log, type Message, type Result } from '../../core/index.ts';
import { isChatAdmin } from './context.ts';

/** Commands that manage a chat's subscriptions: in a private chat they may name a channel to manage. */
export const CHANNEL_MANAGED_COMMANDS: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe', 'subscriptions']);

const CHANNEL_REF = /^(@[A-Za-z][A-Za-z0-9_]{3,31}|-100\d{5,15})$/u;

/**
 * `/subscribe xinjiang 09:00 @mychannel` → the channel reference and the other arguments. The first
 * word of /subscribe and /unsubscribe is what to follow, which may be an author (`/subscribe @alice`):
 * a channel is then only a later word (`/subscribe @alice @mychannel`).
 */
export function splitChannelArgument(args: readonly string[], command = 'subscriptions'): { ref: string; rest: string[] } | undefined {
  const last = args[args.length - 1];
  const minimum = command === 'subscriptions' ? 1 : 2;
  return last !== undefined && args.length >= minimum && CHANNEL_REF.test(last) ? { ref: last, rest: args.slice(0, -1) } : undefined;
}

/**
 * A channel managed from a private chat: the bot must administer the channel (or it could not post
 * the digests) and so must the user. Each refusal is one sentence saying what to do.
 * On success, the chat context the subscription commands run in: the channel's own id.
 */
export async function channelContext(
  api: Api,
  ref: string,
  ids: { readonly userId: number; readonly botId: number },
  log: Log,
): Promise<Result<ChatContext, Message>> {
  let chat;
  try {
    chat = await api.getChat(ref);
  } catch (error) {
    if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    return fail(message('channel.notFound', { ref }));
  }
  const name = 'title' in chat && chat.title ? chat.title : ref;
  if (chat.type !== 'channel') return fail(message('channel.notChannel', { ref }));
  if (!(await isChatAdmin(api, chat.id, ids.botId, log))) {
    return fail(message('channel.botNotAdmin', { name }));
  }
  if (!(await isChatAdmin(api, chat.id, ids.userId, log))) {
    return fail(message('channel.userNotAdmin', { name }));
  }
  // Both checks were just made: the bot administers the channel (so it may post) and so does the user.
  return ok({
    platform: 'telegram',
    chatId: String(chat.id),
    userId: String(ids.userId),
    deliverable: true,
    isAdmin: async () => true,
    botCanPost: async () => true,
  });
}
