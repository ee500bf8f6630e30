import type { CursorStore } from '../core/index.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';

/** Where a poller stopped, per source and key (a hashtag, a feed URL): `since_id`, `cursor`, ETag. */
export function createSqliteCursorStore(db: Db): Sync<CursorStore> {
  const get = db.prepare<[string, string], { value: string }>('SELECT value FROM source_cursors WHERE source = ? AND key = ?');
  const set = db.prepare<[{ source: string; key: string; value: string; updatedAt: number }]>(`
    INSERT INTO source_cursors (source, key, value, updated_at) VALUES (@source, @key, @value, @updatedAt)
    ON CONFLICT (source, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  return {
    get: (source, key) => get.get(source, key)?.value,
    set: (source, key, value) => void set.run({ source, key, value, updatedAt: Date.now() }),
  };
}
