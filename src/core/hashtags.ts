import { fail, ok, type Result } from './result.ts';
import type { Failure } from './failures.ts';
import { wellFormed } from './text.ts';

/** X allows 100 characters after the `#`; nothing longer is a hashtag anywhere Spool reads. */
export const MAX_HASHTAG_LENGTH = 100;

/**
 * One spelling per hashtag: Unicode NFKC (full-width `＃ＡＢＣ` → `#abc`), lower case, no leading `#`.
 * `#Ouïghours`, `#OUÏGHOURS` and `ouïghours` are the same tag.
 */
export function normalizeHashtag(raw: string): string {
  return wellFormed(raw).normalize('NFKC').trim().replace(/^#+/u, '').toLowerCase();
}

// A typed hashtag: letters (any script), marks, digits, `_`, and the joiners some scripts need.
const HASHTAG_BODY = /^(?:[\p{L}\p{M}\p{Nd}_\u30fb]|\u200c|\u200d)+$/u;

/**
 * A hashtag that a person typed (`Xinjiang`, `#ouïghours`, `可可托海`), normalized and checked.
 * Returns `hashtag.invalid` with the reason instead of guessing what was meant.
 */
export function parseHashtagArgument(input: string): Result<string, Failure> {
  const tag = normalizeHashtag(input);
  if (tag.length === 0) return fail({ code: 'hashtag.invalid', input, reason: 'empty' });
  if ([...tag].length > MAX_HASHTAG_LENGTH) return fail({ code: 'hashtag.invalid', input, reason: 'too-long' });
  if (!HASHTAG_BODY.test(tag)) return fail({ code: 'hashtag.invalid', input, reason: 'characters' });
  return ok(tag);
}
