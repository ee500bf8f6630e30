import type { Sort } from '../../core/index.ts';

/** What an inline button asks for: a page of /threads, edited in place or sent as a new message. */
export interface ThreadsButton {
  readonly tag: string;
  readonly sort: Sort;
  readonly cursor?: string | undefined;
  /** A new message (a /related tag) rather than an edit of the one pressed. */
  readonly fresh: boolean;
}

export const CALLBACK_DATA_BYTES = 64;
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Callback data within Telegram's 64 bytes. Most buttons carry their whole meaning
 * (`p|b|kx3f.1b|xinjiang`), so they keep working after a restart. A tag long in UTF-8 (a 100-letter
 * Uyghur or Chinese tag is ~300 bytes) does not fit: its button carries a short key into a bounded
 * in-memory table instead (`k|3f`), and after a restart or eviction the bot says the button expired.
 */
export function createCallbackCodec(options: { readonly maxEntries?: number } = {}) {
  const maxEntries = options.maxEntries ?? 10_000;
  const table = new Map<string, ThreadsButton>();
  let next = 0;

  return {
    encode(button: ThreadsButton): string {
      const direct = `${button.fresh ? 'n' : 'p'}|${button.sort === 'best' ? 'b' : 'r'}|${button.cursor ?? ''}|${button.tag}`;
      if (bytes(direct) <= CALLBACK_DATA_BYTES) return direct;
      const key = `k|${(next++).toString(36)}`;
      table.set(key, button);
      if (table.size > maxEntries) table.delete(table.keys().next().value as string);
      return key;
    },
    /** The button's request, or undefined for data this bot did not make or no longer remembers. */
    decode(data: string): ThreadsButton | undefined {
      if (data.startsWith('k|')) return table.get(data);
      const match = /^([pn])\|([rb])\|([0-9a-z.-]*)\|(.+)$/u.exec(data);
      if (!match) return undefined;
      const [, mode, sort, cursor, tag = ''] = match;
      return { tag, sort: sort === 'b' ? 'best' : 'recent', cursor: cursor === '' ? undefined : cursor, fresh: mode === 'n' };
    },
  };
}

export type CallbackCodec = ReturnType<typeof createCallbackCodec>;
