import { normalizeHashtag } from './hashtags.ts';
import { wellFormed } from './text.ts';
import type { KeyStore, TagStore } from './ports.ts';
import type { Sort } from './rank.ts';

/**
 * What a `/threads` button asks for: a page of a tag's threads, edited in place, or (`fresh`) sent as
 * a new message (a related tag's button).
 */
export interface ThreadsButton {
  readonly kind?: 'threads' | undefined;
  readonly tag: string;
  readonly sort: Sort;
  readonly cursor?: string | undefined;
  readonly fresh?: boolean | undefined;
}

/**
 * Every button Spool makes. Besides a tag's pages: an author's pages (`ref`: `authorRefOf`), a
 * search's pages (`ref`: the words with any `#tag` and `@author`), and the pages of one thread
 * (`ref`: the thread id). A `ref` too long for the room is a stored key, `~` and the key (see
 * `buttonRef`): the core makes it when it answers, so rendering a button never waits for the store.
 */
export type Button =
  | ThreadsButton
  | { readonly kind: 'author'; readonly ref: string; readonly sort: Sort; readonly cursor?: string | undefined }
  | { readonly kind: 'search'; readonly ref: string; readonly cursor?: string | undefined }
  | { readonly kind: 'thread'; readonly ref: string; readonly page: number };

/** The command a pressed button runs, with its words and page, as if typed. */
export interface ButtonRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly cursor?: string | undefined;
  /** Answer with a new message instead of editing the one the button is on. */
  readonly fresh: boolean;
}

export function buttonRequest(button: Button): ButtonRequest {
  switch (button.kind) {
    case undefined:
    case 'threads':
      return { command: 'threads', args: [button.tag, button.sort], cursor: button.cursor, fresh: button.fresh ?? false };
    case 'author':
      return { command: 'threads', args: [`@${button.ref}`, button.sort], cursor: button.cursor, fresh: false };
    case 'search':
      return { command: 'search', args: button.ref.split(/\s+/u).filter(Boolean), cursor: button.cursor, fresh: false };
    case 'thread':
      return { command: 'unroll', args: [button.ref], cursor: String(button.page), fresh: false };
  }
}

/**
 * The most UTF-8 bytes a `ref` may take in a button: the longest prefix (4) and page cursor (27
 * bytes: two base-36 numbers) leave 33 of the strictest platform's 64. A longer value travels as a stored key.
 */
export const BUTTON_REF_BYTES = 32;

/** `value` itself when it fits a button, else `~` and a key the store remembers it by. */
export async function buttonRef(value: string, keys: Pick<KeyStore, 'remember'>): Promise<string> {
  // What a person typed may hold a lone surrogate, which no store keeps as it is (UTF-8 has none).
  const text = wellFormed(value);
  if (utf8Bytes(text) <= BUTTON_REF_BYTES && !text.startsWith('~')) return text;
  return `~${await keys.remember(text)}`;
}

/** What decoding may need: stored tags (shortened long tags) and stored keys (long refs). */
export type ButtonLookups = Pick<TagStore, 'tagsByPrefix'> & Partial<Pick<KeyStore, 'recall'>>;

/** Tags sharing the prefix that are searched when resolving a shortened tag. */
const RESOLVE_CANDIDATES = 50;
const HASH_CHARS = 7;
const PATTERN = /^t([rb])([pn])\|([0-9a-z.-]*)\|(.+)$/u;
const OTHER_PATTERN = /^(a[rb]|s|u)\|([0-9a-z.-]*)\|(.+)$/u;

/** UTF-8 bytes: never fewer than UTF-16 units, so a code that fits in bytes fits a character limit too. */
const utf8Bytes = (text: string): number => {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
};

/** FNV-1a over the UTF-16 units, in base 36: a short, stable fingerprint of a tag (not a secret). */
function fingerprint(tag: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < tag.length; i++) {
    hash ^= tag.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(HASH_CHARS, '0').slice(-HASH_CHARS);
}

/** How a limit counts: UTF-8 bytes (64-byte callback data), or UTF-16 units (100-"character" custom ids). */
export type TextUnits = 'bytes' | 'utf16';
const sizeOf = (text: string, units: TextUnits): number => (units === 'bytes' ? utf8Bytes(text) : text.length);

/** The longest prefix of `tag` (whole code points) that fits `max` in `units`. */
function prefixWithin(tag: string, max: number, units: TextUnits): string {
  let prefix = '';
  for (const char of tag) {
    if (sizeOf(prefix + char, units) > max) break;
    prefix += char;
  }
  return prefix;
}

/**
 * A tag in at most `max` units (UTF-8 bytes by default, never fewer than UTF-16 units): the tag itself when it fits, else its
 * first letters (whole code points) and a fingerprint, `<prefix>~<hash>`, which `resolveTagRef` finds again
 * among the stored tags. Used inside button codes and as autocomplete choice values.
 */
export function encodeTagRef(tag: string, max: number, units: TextUnits = 'bytes'): string {
  if (sizeOf(tag, units) <= max) return tag;
  return `${prefixWithin(tag, Math.max(1, max - 1 - HASH_CHARS), units)}~${fingerprint(tag)}`;
}

/** The stored tag a reference names; a plain tag comes back as it is; undefined when no stored tag matches. */
export async function resolveTagRef(ref: string, tags: Pick<TagStore, 'tagsByPrefix'>): Promise<string | undefined> {
  const short = /^(.+)~([0-9a-z]+)$/u.exec(ref);
  if (!short) return ref;
  const [, prefix = '', hash] = short;
  const candidates = await tags.tagsByPrefix(normalizeHashtag(prefix), RESOLVE_CANDIDATES);
  return candidates.find((t) => fingerprint(t.tag) === hash)?.tag;
}

/**
 * The one button code every platform uses (button data is limited: 64 bytes on some platforms,
 * 100 characters on others): `t<r|b><p|n>|<cursor>|<tag>`. It carries its whole meaning, so buttons
 * keep working after a restart and on any replica. A tag too long for the room (a 100-letter Uyghur tag
 * is ~200 bytes) is sent as its first letters plus a fingerprint (`<prefix>~<hash>`) and found again
 * among the stored tags with that prefix; one that is no longer stored makes the button expire.
 */
export function createButtonCodec(options: { readonly maxBytes: number }) {
  /** A stored key (`~key`) back to its value; undefined when the key is unknown. */
  async function resolveRef(ref: string, lookups: ButtonLookups): Promise<string | undefined> {
    if (!ref.startsWith('~')) return ref;
    return lookups.recall ? lookups.recall(ref.slice(1)) : undefined;
  }

  return {
    /**
     * The code of a button. The other buttons' refs are at most BUTTON_REF_BYTES (the core made them
     * with `buttonRef`), so their codes fit 64 bytes; a tag is shortened here when it does not fit.
     */
    encode(button: Button): string {
      switch (button.kind) {
        case 'author':
          return `a${button.sort === 'best' ? 'b' : 'r'}|${button.cursor ?? ''}|${button.ref}`;
        case 'search':
          return `s|${button.cursor ?? ''}|${button.ref}`;
        case 'thread':
          return `u|${button.page.toString(36)}|${button.ref}`;
        default: {
          const head = `t${button.sort === 'best' ? 'b' : 'r'}${button.fresh ? 'n' : 'p'}|${button.cursor ?? ''}|`;
          return `${head}${encodeTagRef(button.tag, options.maxBytes - utf8Bytes(head))}`;
        }
      }
    },
    /** The button's request, or undefined for a code this bot did not make or whose tag (or stored key) is gone. */
    async decode(code: string, lookups: ButtonLookups): Promise<Button | undefined> {
      const other = OTHER_PATTERN.exec(code);
      if (other) {
        const [, head = '', cursor = '', rawRef = ''] = other;
        const ref = await resolveRef(rawRef, lookups);
        if (ref === undefined) return undefined;
        if (head === 's') return { kind: 'search', ref, cursor: cursor === '' ? undefined : cursor };
        if (head === 'u') {
          const page = Number.parseInt(cursor, 36);
          return Number.isSafeInteger(page) && page >= 1 ? { kind: 'thread', ref, page } : undefined;
        }
        return { kind: 'author', ref, sort: head === 'ab' ? 'best' : 'recent', cursor: cursor === '' ? undefined : cursor };
      }
      const match = PATTERN.exec(code);
      if (!match) return undefined;
      const [, sort, mode, cursor = '', ref = ''] = match;
      const tag = await resolveTagRef(ref, lookups);
      if (!tag) return undefined;
      return { tag, sort: sort === 'b' ? 'best' : 'recent', cursor: cursor === '' ? undefined : cursor, fresh: mode === 'n' };
    },
  };
}

export type ButtonCodec = ReturnType<typeof createButtonCodec>;
