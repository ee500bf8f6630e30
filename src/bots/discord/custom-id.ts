import { createHash } from 'node:crypto';
import { isSort, normalizeHashtag, type Sort, type TagStore } from '../../core/index.ts';
import { DISCORD_LIMITS } from './limits.ts';

/**
 * The state of a `/threads` button, carried in its custom_id so that buttons keep working after a
 * restart: `th:<r|b>:<cursor>:<tag>`. A tag may have 100 characters (a CJK tag fills them), which
 * with the rest would pass Discord's 100-character custom_id; such a tag is sent as its first
 * characters plus a hash (`<prefix>~<hash>`) and found again among the stored tags with that prefix.
 * `:` and `~` never occur in tags or cursors, so the fields cannot run together.
 */
export interface ThreadsButton {
  readonly tag: string;
  readonly sort: Sort;
  readonly cursor?: string | undefined;
}

const PREFIX = 'th';
const HASH_CHARS = 8;
/** Tags sharing the prefix that can be searched when resolving a shortened tag. */
const RESOLVE_CANDIDATES = 25;

const tagHash = (tag: string): string => createHash('sha256').update(tag).digest('base64url').slice(0, HASH_CHARS);

/**
 * A tag in at most `room` UTF-16 units (never smaller than Discord's character count, so a fit here
 * fits there): the tag itself when it fits, else its first characters and a hash, `<prefix>~<hash>`,
 * which `resolveTagRef` finds again among the stored tags. The prefix never ends in half a surrogate pair.
 */
export function encodeTagRef(tag: string, room: number): string {
  if (tag.length <= room) return tag;
  let prefix = tag.slice(0, Math.max(1, room - 1 - HASH_CHARS));
  if (/[\ud800-\udbff]$/u.test(prefix)) prefix = prefix.slice(0, -1);
  return `${prefix}~${tagHash(tag)}`;
}

/** The stored tag a reference names; a plain tag comes back as it is; undefined when no stored tag matches. */
export function resolveTagRef(ref: string, tags: Pick<TagStore, 'tagsByPrefix'>): string | undefined {
  const short = /^(.+)~([A-Za-z0-9_-]+)$/u.exec(ref);
  if (!short) return ref;
  const [, prefix = '', hash] = short;
  return tags.tagsByPrefix(normalizeHashtag(prefix), RESOLVE_CANDIDATES).find((t) => tagHash(t.tag) === hash)?.tag;
}

export function encodeThreadsButton(state: ThreadsButton): string {
  const head = `${PREFIX}:${state.sort === 'best' ? 'b' : 'r'}:${state.cursor ?? ''}:`;
  return `${head}${encodeTagRef(state.tag, DISCORD_LIMITS.customId - head.length)}`;
}

/** The button's state, or undefined for an id that is not Spool's or whose tag is no longer stored. */
export function decodeThreadsButton(customId: string, tags: Pick<TagStore, 'tagsByPrefix'>): ThreadsButton | undefined {
  const match = /^th:([rb]):([^:]*):(.+)$/u.exec(customId);
  if (!match) return undefined;
  const [, sortCode, cursor, tagRef = ''] = match;
  const sort = sortCode === 'b' ? 'best' : 'recent';
  if (!isSort(sort)) return undefined;
  const tag = resolveTagRef(tagRef, tags);
  return tag ? { tag, sort, cursor: cursor || undefined } : undefined;
}
