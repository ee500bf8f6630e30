import { createHash } from 'node:crypto';
import type { Clock, KeyStore } from '../core/index.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';

/**
 * KeyStore in SQLite: a value's key is the start of its SHA-256 in base64url (12 characters, 72 bits),
 * so remembering the same value twice gives the same key and no lookup is needed to make one. On the
 * unlikely collision with a different stored value, a longer prefix (16) is used.
 */
export function createSqliteKeyStore(db: Db, clock: Clock): Sync<KeyStore> {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM short_keys WHERE key = ?');
  const insert = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO short_keys (key, value, created_at) VALUES (?, ?, ?)');
  return {
    remember(value) {
      const digest = createHash('sha256').update(value).digest('base64url');
      for (const length of [12, 16]) {
        const key = digest.slice(0, length);
        insert.run(key, value, clock.now().getTime());
        if (get.get(key)?.value === value) return key;
      }
      throw new Error('short key collision on 96 bits: not expected to happen');
    },
    recall(key) {
      return get.get(key)?.value;
    },
  };
}
