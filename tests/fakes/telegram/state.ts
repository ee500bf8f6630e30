/** What the fake Bot API remembers: chats, members, messages, switches. Plain data, no HTTP. */

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface FakeChat {
  readonly id: number;
  readonly type: ChatType;
  readonly title?: string;
  readonly username?: string;
  readonly is_forum?: boolean;
}

export interface FakeUser {
  readonly id: number;
  readonly is_bot: boolean;
  readonly first_name: string;
  readonly username?: string;
  /** IETF language tag of the user's app ("fr", "de-CH"), as Telegram sends it in updates. */
  readonly language_code?: string;
}

export interface InlineButton {
  readonly text: string;
  readonly callback_data?: string;
  readonly url?: string;
}

export interface SentMessage {
  readonly message_id: number;
  readonly chat_id: number;
  readonly message_thread_id?: number | undefined;
  /** The HTML as sent, and the text a user sees after entity parsing. */
  html: string;
  text: string;
  /** Entities after parsing (spoilers, links …) with the text each covers. */
  entities?: readonly { readonly type: string; readonly text: string; readonly url?: string }[];
  reply_markup?: { inline_keyboard: InlineButton[][] } | undefined;
  link_preview_options?: { is_disabled?: boolean; url?: string; prefer_large_media?: boolean; show_above_text?: boolean } | undefined;
  /** How many times editMessageText changed it. */
  edits: number;
}

export interface RecordedCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
  readonly status: number;
  readonly at: number;
}

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** One-shot failures injected with `failNext`. */
export interface InjectedFailure {
  readonly status: 429 | 500 | 502 | 403 | 400;
  readonly retryAfter?: number;
  readonly description?: string;
  readonly method?: string;
}

export interface RateWindow {
  readonly count: number;
  readonly windowMs: number;
}

/** Telegram's documented send limits; the fake enforces them only when switched on. */
export interface RateLimits {
  readonly perChat: RateWindow;
  readonly perGroup: RateWindow;
  readonly global: RateWindow;
}

export const TELEGRAM_RATE_LIMITS: RateLimits = {
  perChat: { count: 1, windowMs: 1000 },
  perGroup: { count: 20, windowMs: 60_000 },
  global: { count: 30, windowMs: 1000 },
};

/** Chat ids the tests did not declare are known by their sign, as Telegram numbers them. */
export function chatFromId(id: number): FakeChat {
  if (id > 0) return { id, type: 'private' };
  if (String(id).startsWith('-100')) return { id, type: 'supergroup', title: `Group ${id}` };
  return { id, type: 'group', title: `Group ${id}` };
}

/** Sliding-window log of accepted sends per key: answers "how long until one more is allowed". */
export function createWindowLog() {
  const log = new Map<string, number[]>();
  return {
    waitMs(key: string, window: RateWindow, now: number): number {
      const times = (log.get(key) ?? []).filter((t) => t > now - window.windowMs);
      log.set(key, times);
      if (times.length < window.count) return 0;
      return (times[times.length - window.count] as number) + window.windowMs - now;
    },
    record(key: string, now: number): void {
      const times = log.get(key) ?? [];
      times.push(now);
      log.set(key, times);
    },
  };
}
