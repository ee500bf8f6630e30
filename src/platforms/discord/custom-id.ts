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

/** UTF-16 length: never smaller than Discord's character count, so a fit here fits there. */
export function encodeThreadsButton(state: ThreadsButton): string {
  const head = `${PREFIX}:${state.sort === 'best' ? 'b' : 'r'}:${state.cursor ?? ''}:`;
  const full = `${head}${state.tag}`;
  if (full.length <= DISCORD_LIMITS.customId) return full;
  const room = DISCORD_LIMITS.customId - head.length - 1 - HASH_CHARS;
  let prefix = state.tag.slice(0, Math.max(1, room));
  if (/[\ud800-\udbff]$/u.test(prefix)) prefix = prefix.slice(0, -1);
  return `${head}${prefix}~${tagHash(state.tag)}`;
}

/** The button's state, or undefined for an id that is not Spool's or whose tag is no longer stored. */
export function decodeThreadsButton(customId: string, tags: Pick<TagStore, 'tagsByPrefix'>): ThreadsButton | undefined {
  const match = /^th:([rb]):([^:]*):(.+)$/u.exec(customId);
  if (!match) return undefined;
  const [, sortCode, cursor, tagRef = ''] = match;
  const sort = sortCode === 'b' ? 'best' : 'recent';
  if (!isSort(sort)) return undefined;
  let tag: string | undefined = tagRef;
  const short = /^(.+)~([A-Za-z0-9_-]+)$/u.exec(tagRef);
  if (short) {
    const [, prefix = '', hash] = short;
    tag = tags.tagsByPrefix(normalizeHashtag(prefix), RESOLVE_CANDIDATES).find((t) => tagHash(t.tag) === hash)?.tag;
  }
  return tag ? { tag, sort, cursor: cursor || undefined } : undefined;
}
