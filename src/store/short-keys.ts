import type { Clock, KeyStore } from '../core/index.ts';
import type { Db } from './db.ts';
import { shortKeyCandidates } from './short-key-hash.ts';
import type { Sync } from './sync.ts';

/** KeyStore in SQLite: a value's key is derived from the value (short-key-hash.ts); a row is written once. */
export function createSqliteKeyStore(db: Db, clock: Clock): Sync<KeyStore> {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM short_keys WHERE key = ?');
  const insert = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO short_keys (key, value, created_at) VALUES (?, ?, ?)');
  return {
    remember(value) {
      for (const key of shortKeyCandidates(value)) {
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
