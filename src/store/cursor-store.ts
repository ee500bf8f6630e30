import type { Db } from './db.ts';

/** Where a poller stopped, per source and key (a hashtag, a feed URL): `since_id`, `cursor`, ETag. */
export interface SourceCursorStore {
  get(source: string, key: string): string | undefined;
  set(source: string, key: string, value: string): void;
}

export function createSqliteCursorStore(db: Db): SourceCursorStore {
  const get = db.prepare<[string, string], { value: string }>('SELECT value FROM source_cursors WHERE source = ? AND key = ?');
  const set = db.prepare<[string, string, string, number]>(`
    INSERT INTO source_cursors (source, key, value, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (source, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  return {
    get: (source, key) => get.get(source, key)?.value,
    set: (source, key, value) => void set.run(source, key, value, Date.now()),
  };
}
