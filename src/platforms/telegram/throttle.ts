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
  readonly resolve: (done: () => void) => void;
}

/**
 * A queue that releases sends as early as Telegram's sliding windows allow, in arrival order per
 * chat (a later message never overtakes an earlier one to the same chat) but without making a
 * free chat wait behind a busy one. A send counts from the moment it is released until its answer
 * arrives, and from then on with the answer's time: Telegram counts a message when it arrives,
 * which is somewhere in between, so the window is always measured from the later end. `marginMs`
 * adds room for clock and network jitter. Written here rather than taken from
 * transformer-throttler because its fixed spacing (1 s per group) wastes most of the 20/min
 * budget, and it cannot know when a request actually reached Telegram.
 */
export function createSendLimiter(limits: SendLimits = TELEGRAM_SEND_LIMITS, marginMs = 30) {
  /** Per window key, the times sends were answered; `Infinity` while a send is in flight. */
  const log = new Map<string, { t: number }[]>();
  const waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;

  const wait = (key: string, window: SendWindow, now: number): number => {
    const horizon = window.windowMs + marginMs;
    const entries = (log.get(key) ?? []).filter((e) => e.t > now - horizon);
    log.set(key, entries);
    if (entries.length < window.count) return 0;
    const times = entries.map((e) => e.t).sort((a, b) => a - b);
    return (times[times.length - window.count] as number) + horizon - now;
  };
  const chatWait = (chat: string, now: number): number =>
    Math.max(wait(`chat:${chat}`, limits.perChat, now), isGroup(chat) ? wait(`group:${chat}`, limits.perGroup, now) : 0);
  const record = (key: string, entry: { t: number }): void => {
    const entries = log.get(key) ?? [];
    entries.push(entry);
    log.set(key, entries);
  };

  function pump(): void {
    if (timer) clearTimeout(timer);
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
      if (index < 0) return schedule(next);
      const [go] = waiting.splice(index, 1);
      if (!go) return;
      const entry = { t: Infinity };
      record('global', entry);
      record(`chat:${go.chat}`, entry);
      if (isGroup(go.chat)) record(`group:${go.chat}`, entry);
      go.resolve(() => {
        entry.t = Date.now();
        pump();
      });
    }
  }
  /** Infinite waits end when an in-flight send is answered (its `done` pumps again). */
  function schedule(ms: number): void {
    if (ms === Infinity) return;
    timer = setTimeout(pump, Math.max(1, Math.ceil(ms)));
  }

  return {
    /** Resolves when one more message to `chatId` may go out; call `done` when Telegram has answered. */
    acquire(chatId: string | number): Promise<() => void> {
      return new Promise((resolve) => {
        waiting.push({ chat: String(chatId), resolve });
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
    if (!LIMITED.has(method) || chatId === undefined) return prev(method, payload, signal);
    const done = await limiter.acquire(chatId);
    try {
      return await prev(method, payload, signal);
    } finally {
      done();
    }
  };
}
