import type { Transformer } from 'grammy';

export interface SendWindow {
  readonly count: number;
  readonly windowMs: number;
}

/** Telegram's send limits (PLATFORM_FACTS): about 1/s per chat, 20/min per group, 30/s overall. */
export interface SendLimits {
  readonly perChat: SendWindow;
  readonly perGroup: SendWindow;
  readonly global: SendWindow;
}

export const TELEGRAM_SEND_LIMITS: SendLimits = {
  perChat: { count: 1, windowMs: 1000 },
  perGroup: { count: 20, windowMs: 60_000 },
  global: { count: 30, windowMs: 1000 },
};

/** Methods that post or change a message: the ones Telegram's flood control counts. */
const LIMITED = new Set(['sendMessage', 'editMessageText', 'sendPhoto', 'sendDocument', 'copyMessage', 'forwardMessage']);

/** Negative ids and @usernames are groups, supergroups and channels: they also get the per-group window. */
const isGroup = (chatId: string): boolean => chatId.startsWith('-') || chatId.startsWith('@');

interface Waiting {
  readonly chat: string;
  readonly resolve: () => void;
}

/**
 * A queue that releases sends as early as Telegram's sliding windows allow, in arrival order per
 * chat (a later message never overtakes an earlier one to the same chat) but without making a
 * free chat wait behind a busy one. Windows are lengthened by `marginMs` so that network jitter
 * does not turn an exact release into a 429. Written here rather than taken from
 * transformer-throttler because its fixed spacing (1 s per group) wastes most of the 20/min
 * budget, and because the bench needs exact windows to compare with the fake.
 */
export function createSendLimiter(limits: SendLimits = TELEGRAM_SEND_LIMITS, marginMs = 60) {
  const log = new Map<string, number[]>();
  const waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;

  const wait = (key: string, window: SendWindow, now: number): number => {
    const horizon = window.windowMs + marginMs;
    const times = (log.get(key) ?? []).filter((t) => t > now - horizon);
    log.set(key, times);
    return times.length < window.count ? 0 : (times[times.length - window.count] as number) + horizon - now;
  };
  const chatWait = (chat: string, now: number): number =>
    Math.max(wait(`chat:${chat}`, limits.perChat, now), isGroup(chat) ? wait(`group:${chat}`, limits.perGroup, now) : 0);
  const record = (key: string, now: number): void => {
    const times = log.get(key) ?? [];
    times.push(now);
    log.set(key, times);
  };

  function pump(): void {
    timer = undefined;
    for (;;) {
      const now = Date.now();
      const globalWait = wait('global', limits.global, now);
      if (globalWait > 0) return schedule(globalWait);
      const blocked = new Set<string>();
      let next = Infinity;
      const index = waiting.findIndex((w) => {
        if (blocked.has(w.chat)) return false;
        const ms = chatWait(w.chat, now);
        if (ms === 0) return true;
        blocked.add(w.chat); // keep this chat's order: its later sends wait too
        next = Math.min(next, ms);
        return false;
      });
      if (index < 0) return next === Infinity ? undefined : schedule(next);
      const [go] = waiting.splice(index, 1);
      if (!go) return;
      record('global', now);
      record(`chat:${go.chat}`, now);
      if (isGroup(go.chat)) record(`group:${go.chat}`, now);
      go.resolve();
    }
  }
  function schedule(ms: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(pump, Math.max(1, Math.ceil(ms)));
  }

  return {
    /** Resolves when one more message to `chatId` may go out now. */
    acquire(chatId: string | number): Promise<void> {
      return new Promise((resolve) => {
        waiting.push({ chat: String(chatId), resolve });
        if (timer) clearTimeout(timer);
        pump();
      });
    },
    /** How many sends are queued (for logs and the bench). */
    get queued(): number {
      return waiting.length;
    },
  };
}

export type SendLimiter = ReturnType<typeof createSendLimiter>;

/** The limiter as a grammY API transformer: every limited method waits for its slot first. */
export function throttleTransformer(limiter: SendLimiter): Transformer {
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: string | number } | undefined)?.chat_id;
    if (LIMITED.has(method) && chatId !== undefined) await limiter.acquire(chatId);
    return prev(method, payload, signal);
  };
}
