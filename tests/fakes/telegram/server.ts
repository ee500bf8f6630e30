import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { badRequest, METHODS, type ApiAnswer, type MethodState } from './methods.ts';
import { createWebhook, type WebhookDelivery } from './webhook.ts';
import {
  chatFromId,
  createWindowLog,
  type FakeChat,
  type FakeUser,
  type InjectedFailure,
  type MemberStatus,
  type RateLimits,
  type RecordedCall,
  type SentMessage,
} from './state.ts';

export { TELEGRAM_RATE_LIMITS, type FakeChat, type FakeUser, type SentMessage, type RateLimits } from './state.ts';

/**
 * A fake Telegram Bot API on 127.0.0.1 (port 0) that behaves like the real one for what Spool
 * uses: long polling that holds `getUpdates` until an update or the timeout and honours `offset`,
 * strict HTML and length checks, Telegram's error bodies, switchable rate limits, injected 429/5xx/403
 * and supergroup migrations. Everything is recorded (`calls`, `messages`).
 */
export interface FakeTelegram {
  readonly apiRoot: string;
  readonly token: string;
  readonly bot: FakeUser;
  /** Every request, in arrival order, with the HTTP status it got. */
  readonly calls: RecordedCall[];
  /** Messages sendMessage accepted, in order; editMessageText changes them in place. */
  readonly messages: SentMessage[];
  readonly commands: { command: string; description: string }[];
  readonly localizedCommands: Map<string, { command: string; description: string }[]>;
  /** getUpdates requests being held open right now (a bot that is long polling). */
  heldPolls(): number;
  /** The webhook set with setWebhook (undefined: none, updates wait for getUpdates), and every POST made to it. */
  readonly webhook: { readonly url: string | undefined; readonly deliveries: readonly WebhookDelivery[] };
  addChat(chat: FakeChat): void;
  setMember(chatId: number, userId: number, status: MemberStatus): void;
  /** sendMessage to this chat answers 403 (blocked by the user / kicked from the group). */
  block(chatId: number): void;
  /** The group became a supergroup: sends to `chatId` answer 400 with `migrate_to_chat_id`. */
  migrate(chatId: number, toChatId: number): void;
  failNext(failure: InjectedFailure): void;
  /** Switch Telegram's rate limits on (429 with retry_after), off, or to other windows. */
  setRateLimits(limits: RateLimits | false): void;
  /** A user types `text` in `chat` (in a forum topic with `topicId`); returns the message. */
  /** A user's message; `replyTo` is the message it answers (as Telegram includes it in the update). */
  sendText(input: { chat: FakeChat; from: FakeUser; text: string; topicId?: number; replyTo?: Record<string, unknown> }): Record<string, unknown>;
  /** A user presses an inline button of a message the bot sent; returns the callback query id. */
  pressButton(input: { message: SentMessage; data: string; from: FakeUser }): string;
  /** Resolves when `predicate` holds (checked after every request); rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const NUMBERED_REF = /^-?\d+$/u;

/** An injected failure with the body Telegram sends for it. */
function injected(failure: InjectedFailure): ApiAnswer {
  switch (failure.status) {
    case 429: {
      const retryAfter = failure.retryAfter ?? 1;
      return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    }
    case 403:
      return { ok: false, error_code: 403, description: failure.description ?? 'Forbidden: bot was blocked by the user' };
    case 400:
      return { ok: false, error_code: 400, description: failure.description ?? 'Bad Request: chat not found' };
    default:
      return { ok: false, error_code: failure.status, description: failure.description ?? (failure.status === 502 ? 'Bad Gateway' : 'Internal Server Error') };
  }
}

/**
 * `local`: behave as a self-hosted Bot API server started with `--local` (what TELEGRAM_API_ROOT points at
 * in tests): a webhook may be plain HTTP on any port. `local: false` is the cloud's rule (HTTPS, four ports).
 */
export async function startFakeTelegram(options: { token?: string; botUsername?: string; local?: boolean } = {}): Promise<FakeTelegram> {
  const token = options.token ?? '123456:TEST-token_for-the-fake';
  const bot: FakeUser = { id: 424242, is_bot: true, first_name: 'Spool', username: options.botUsername ?? 'SpoolBot' };
  const chats = new Map<number, FakeChat>();
  const members = new Map<string, MemberStatus>();
  const blocked = new Set<number>();
  const migrations = new Map<number, number>();
  const failures: InjectedFailure[] = [];
  const calls: RecordedCall[] = [];
  const messages: SentMessage[] = [];
  const commands: { command: string; description: string }[] = [];
  const localizedCommands = new Map<string, { command: string; description: string }[]>();
  const openCallbacks = new Set<string>();
  const updates: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const polls = new Set<{ offset: number; finish: () => void; conflict: () => void }>();
  let limits: RateLimits | false = false;
  let windows = createWindowLog();
  let updateId = 1;
  let messageId = 1000;
  let callbackId = 1;

  const state: MethodState = {
    bot,
    chat(ref) {
      if (typeof ref === 'string' && !NUMBERED_REF.test(ref)) return [...chats.values()].find((c) => `@${c.username}` === ref);
      const id = Number(ref);
      return chats.get(id) ?? (migrations.has(id) || id === 0 ? undefined : chatFromId(id));
    },
    member: (chatId, userId) => members.get(`${chatId}:${userId}`) ?? (chats.get(chatId)?.type === 'channel' ? 'left' : 'member'),
    nextMessageId: () => messageId++,
    messages,
    commands,
    localizedCommands,
    openCallbacks,
  };

  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };

  const webhook = createWebhook({
    local: options.local ?? true,
    take: () => updates[0],
    done: (id) => {
      const at = updates.findIndex((u) => u.update_id === id);
      if (at >= 0) updates.splice(at, 1);
    },
    delivered: () => notify(),
  });

  function pushUpdate(update: Record<string, unknown>): void {
    updates.push({ update_id: updateId++, ...update });
    for (const poll of [...polls]) poll.finish();
    webhook.kick();
  }

  /** Methods about the webhook: they change how updates leave the fake. */
  function webhookMethod(method: string, payload: Record<string, unknown>): ApiAnswer | undefined {
    switch (method) {
      case 'setWebhook': {
        const answer = webhook.set(payload);
        if (payload['drop_pending_updates'] === true) updates.splice(0);
        setImmediate(() => webhook.kick());
        return answer;
      }
      case 'deleteWebhook':
        if (payload['drop_pending_updates'] === true) updates.splice(0);
        return webhook.remove();
      case 'getWebhookInfo':
        return webhook.info(updates.length);
      default:
        return undefined;
    }
  }

  /** Switches and limits, checked before a method runs; undefined lets the call through. */
  function intercept(method: string, payload: Record<string, unknown>): ApiAnswer | undefined {
    const index = failures.findIndex((f) => f.method === undefined || f.method === method);
    if (index >= 0 && method !== 'getUpdates') {
      const [failure] = failures.splice(index, 1);
      if (failure) return injected(failure);
    }
    if (method !== 'sendMessage') return undefined;
    const chat = state.chat(payload.chat_id);
    const id = chat?.id ?? Number(payload.chat_id);
    if (blocked.has(id)) {
      const description =
        chat?.type === 'private' ? 'Forbidden: bot was blocked by the user' : `Forbidden: bot was kicked from the ${chat?.type ?? 'group'} chat`;
      return { ok: false, error_code: 403, description };
    }
    const movedTo = migrations.get(id);
    if (movedTo !== undefined) {
      return {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: movedTo },
      };
    }
    if (!limits || !chat) return undefined;
    const now = Date.now();
    const waits = [windows.waitMs('global', limits.global, now), windows.waitMs(`chat:${id}`, limits.perChat, now)];
    if (chat.type !== 'private') waits.push(windows.waitMs(`group:${id}`, limits.perGroup, now));
    const wait = Math.max(...waits);
    if (wait > 0) {
      const retryAfter = Math.max(1, Math.ceil(wait / 1000));
      return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    }
    return undefined;
  }

  function recordSend(method: string, payload: Record<string, unknown>, answer: ApiAnswer): void {
    if (method !== 'sendMessage' || !answer.ok || !limits) return;
    const chat = state.chat(payload.chat_id);
    if (!chat) return;
    const now = Date.now();
    windows.record('global', now);
    windows.record(`chat:${chat.id}`, now);
    if (chat.type !== 'private') windows.record(`group:${chat.id}`, now);
  }

  function getUpdates(payload: Record<string, unknown>, res: ServerResponse): void {
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    const limit = typeof payload.limit === 'number' ? payload.limit : 100;
    const timeout = typeof payload.timeout === 'number' ? payload.timeout : 0;
    // Asking with an offset confirms every earlier update: Telegram forgets them.
    while (updates.length > 0 && (updates[0]?.update_id as number) < offset) updates.shift();
    const answer = (): void => {
      const batch = updates.filter((u) => (u.update_id as number) >= offset).slice(0, limit);
      respond(res, 'getUpdates', payload, { ok: true, result: batch });
    };
    if (webhook.url !== undefined) {
      const description = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
      return respond(res, 'getUpdates', payload, { ok: false, error_code: 409, description });
    }
    // Like Telegram: a newer getUpdates ends the one being held with 409 Conflict (two processes, one token).
    for (const held of [...polls]) held.conflict();
    if (updates.length > 0 || timeout <= 0) return answer();
    const poll = {
      offset,
      finish: () => {
        polls.delete(poll);
        clearTimeout(timer);
        if (!res.writableEnded) answer();
      },
      conflict: () => {
        polls.delete(poll);
        clearTimeout(timer);
        if (res.writableEnded) return;
        const description = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
        respond(res, 'getUpdates', payload, { ok: false, error_code: 409, description });
      },
    };
    const timer = setTimeout(poll.finish, timeout * 1000);
    polls.add(poll);
    res.on('close', () => {
      polls.delete(poll);
      clearTimeout(timer);
    });
  }

  function respond(res: ServerResponse, method: string, payload: Record<string, unknown>, answer: ApiAnswer): void {
    const status = answer.ok ? 200 : answer.error_code;
    calls.push({ method, payload, status, at: Date.now() });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    notify();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!match) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"ok":false,"error_code":404,"description":"Not Found"}');
    const [, gotToken, method = ''] = match;
    const raw = Buffer.concat(chunks).toString('utf8');
    let payload: Record<string, unknown> = {};
    try {
      payload = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      return respond(res, method, {}, badRequest('the fake accepts JSON bodies only'));
    }
    if (gotToken !== token) return respond(res, method, payload, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (method === 'getUpdates') return getUpdates(payload, res);
    const aboutWebhook = webhookMethod(method, payload);
    if (aboutWebhook) return respond(res, method, payload, aboutWebhook);
    const handler = METHODS[method];
    if (!handler) return respond(res, method, payload, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    const answer = intercept(method, payload) ?? handler(state, payload);
    recordSend(method, payload, answer);
    respond(res, method, payload, answer);
  }

  const server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    bot,
    calls,
    messages,
    commands,
    localizedCommands,
    heldPolls: () => polls.size,
    webhook: {
      get url() {
        return webhook.url;
      },
      deliveries: webhook.deliveries,
    },
    addChat: (chat) => void chats.set(chat.id, chat),
    setMember: (chatId, userId, status) => void members.set(`${chatId}:${userId}`, status),
    block: (chatId) => void blocked.add(chatId),
    migrate(chatId, toChatId) {
      migrations.set(chatId, toChatId);
      chats.set(toChatId, { id: toChatId, type: 'supergroup', title: chats.get(chatId)?.title ?? `Group ${toChatId}` });
    },
    failNext: (failure) => void failures.push(failure),
    setRateLimits(next) {
      limits = next;
      windows = createWindowLog();
    },
    sendText({ chat, from, text, topicId, replyTo }) {
      chats.set(chat.id, chats.get(chat.id) ?? chat);
      const command = /^\/[^\s]+/u.exec(text);
      const message = {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from,
        text,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
        ...(topicId === undefined ? {} : { message_thread_id: topicId, is_topic_message: true }),
        ...(replyTo ? { reply_to_message: replyTo } : {}),
      };
      pushUpdate({ message });
      return message;
    },
    pressButton({ message, data, from }) {
      const id = String(callbackId++);
      openCallbacks.add(id);
      const chat = state.chat(message.chat_id) ?? chatFromId(message.chat_id);
      const shown = { message_id: message.message_id, date: 0, chat, from: bot, text: message.text, reply_markup: message.reply_markup };
      pushUpdate({ callback_query: { id, from, chat_instance: `ci-${chat.id}`, data, message: shown } });
      return id;
    },
    waitFor(predicate, timeoutMs = 10_000) {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate()) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake Telegram: condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = (): void => {
          waiters.delete(check);
          clearTimeout(timer);
        };
        waiters.add(check);
      });
    },
    async close() {
      await webhook.close();
      for (const poll of [...polls]) poll.finish();
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}
