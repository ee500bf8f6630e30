import { normalizeHashtag } from './hashtags.ts';
import type { TagStore } from './ports.ts';
import type { Sort } from './rank.ts';

/**
 * What a `/threads` button asks for: a page of a tag's threads, edited in place, or (`fresh`) sent as
 * a new message (a related tag's button).
 */
export interface ThreadsButton {
  readonly tag: string;
  readonly sort: Sort;
  readonly cursor?: string | undefined;
  readonly fresh?: boolean | undefined;
}

/** Tags sharing the prefix that are searched when resolving a shortened tag. */
const RESOLVE_CANDIDATES = 50;
const HASH_CHARS = 7;
const PATTERN = /^t([rb])([pn])\|([0-9a-z.-]*)\|(.+)$/u;

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

/** The longest prefix of `tag` (whole code points) whose UTF-8 fits `maxBytes`. */
function prefixWithin(tag: string, maxBytes: number): string {
  let prefix = '';
  for (const char of tag) {
    if (utf8Bytes(prefix + char) > maxBytes) break;
    prefix += char;
  }
  return prefix;
}

/**
 * The one button code every platform uses (button data is limited: 64 bytes on some platforms,
 * 100 characters on others): `t<r|b><p|n>|<cursor>|<tag>`. It carries its whole meaning, so buttons
 * keep working after a restart and on any replica. A tag too long for the room (a 100-letter Uyghur tag
 * is ~200 bytes) is sent as its first letters plus a fingerprint (`<prefix>~<hash>`) and found again
 * among the stored tags with that prefix; one that is no longer stored makes the button expire.
 */
export function createButtonCodec(options: { readonly maxBytes: number }) {
  return {
    encode(button: ThreadsButton): string {
      const head = `t${button.sort === 'best' ? 'b' : 'r'}${button.fresh ? 'n' : 'p'}|${button.cursor ?? ''}|`;
      const full = `${head}${button.tag}`;
      if (utf8Bytes(full) <= options.maxBytes) return full;
      const room = options.maxBytes - utf8Bytes(head) - 1 - HASH_CHARS;
      return `${head}${prefixWithin(button.tag, Math.max(1, room))}~${fingerprint(button.tag)}`;
    },
    /** The button's request, or undefined for a code this bot did not make or whose tag is gone. */
    async decode(code: string, tags: Pick<TagStore, 'tagsByPrefix'>): Promise<ThreadsButton | undefined> {
      const match = PATTERN.exec(code);
      if (!match) return undefined;
      const [, sort, mode, cursor = '', ref = ''] = match;
      let tag: string | undefined = ref;
      const short = /^(.+)~([0-9a-z]+)$/u.exec(ref);
      if (short) {
        const [, prefix = '', hash] = short;
        const candidates = await tags.tagsByPrefix(normalizeHashtag(prefix), RESOLVE_CANDIDATES);
        tag = candidates.find((t) => fingerprint(t.tag) === hash)?.tag;
      }
      if (!tag) return undefined;
      return { tag, sort: sort === 'b' ? 'best' : 'recent', cursor: cursor === '' ? undefined : cursor, fresh: mode === 'n' };
    },
  };
}

export type ButtonCodec = ReturnType<typeof createButtonCodec>;
