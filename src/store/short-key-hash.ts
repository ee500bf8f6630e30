import { createHash } from 'node:crypto';

/**
 * The keys a value may be stored under, shortest first: the start of its SHA-256 in base64url (12
 * characters, 72 bits), so remembering the same value twice gives the same key and no lookup is needed
 * to make one; on the unlikely collision with a different stored value, a longer prefix (16).
 */
export function shortKeyCandidates(value: string): readonly string[] {
  const digest = createHash('sha256').update(value).digest('base64url');
  return [digest.slice(0, 12), digest.slice(0, 16)];
}
