import type { Db } from './db.ts';

export interface LinkKeys {
  readonly lang: string;
  readonly createdAt: number;
  readonly bestRank: number;
  readonly changedAt: number;
  readonly storedCount: number;
}

/**
 * Keeps a thread's hashtag links, the per-tag thread counts and the co-occurrence counts in step.
 * Only the difference between the old and the new tag set is written.
 */
export function createTagLinks(db: Db) {
  const tagId = db.prepare<[string], { id: number }>('SELECT id FROM tags WHERE name = ?');
  const insertTag = db.prepare<[string]>('INSERT INTO tags (name) VALUES (?)');
  const linkedTags = db.prepare<[number], { tag_id: number }>('SELECT tag_id FROM thread_tags WHERE thread_seq = ?');
  const insertLink = db.prepare<[number, number, string, number, number, number, number]>(
    'INSERT INTO thread_tags (tag_id, thread_seq, lang, created_at, best_rank, changed_at, stored_count) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const updateLinks = db.prepare<[string, number, number, number, number, number]>(
    'UPDATE thread_tags SET lang = ?, created_at = ?, best_rank = ?, changed_at = ?, stored_count = ? WHERE thread_seq = ?',
  );
  const deleteLink = db.prepare<[number, number]>('DELETE FROM thread_tags WHERE tag_id = ? AND thread_seq = ?');
  const addCount = db.prepare<[number, number]>('UPDATE tags SET thread_count = thread_count + ? WHERE id = ?');
  const addPair = db.prepare<[number, number, number]>(`
    INSERT INTO tag_pairs (tag_id, other_id, threads) VALUES (?, ?, ?)
    ON CONFLICT (tag_id, other_id) DO UPDATE SET threads = threads + excluded.threads`);
  const dropEmptyPairs = db.prepare<[number]>('DELETE FROM tag_pairs WHERE tag_id = ? AND threads <= 0');

  const idOf = (name: string): number => tagId.get(name)?.id ?? Number(insertTag.run(name).lastInsertRowid);

  function adjustPairs(ids: readonly number[], others: readonly number[], delta: number): void {
    for (const a of ids) {
      for (const b of others) {
        if (a === b) continue;
        addPair.run(a, b, delta);
        if (delta < 0) dropEmptyPairs.run(a);
      }
    }
  }

  return {
    /** Makes `seq`'s links exactly `tags`, with the sort keys given. */
    replace(seq: number, tags: readonly string[], keys: LinkKeys): void {
      const before = new Set(linkedTags.all(seq).map((r) => r.tag_id));
      const after = new Set(tags.map(idOf));
      const removed = [...before].filter((id) => !after.has(id));
      const added = [...after].filter((id) => !before.has(id));
      const kept = [...after].filter((id) => before.has(id));
      // Pairs: removed tags lose every pair they had; added tags gain every pair they now have.
      adjustPairs(removed, [...before], -1);
      adjustPairs(kept, removed, -1);
      adjustPairs(added, [...after], +1);
      adjustPairs(kept, added, +1);
      for (const id of removed) {
        deleteLink.run(id, seq);
        addCount.run(-1, id);
      }
      if (kept.length > 0) updateLinks.run(keys.lang, keys.createdAt, keys.bestRank, keys.changedAt, keys.storedCount, seq);
      for (const id of added) {
        insertLink.run(id, seq, keys.lang, keys.createdAt, keys.bestRank, keys.changedAt, keys.storedCount);
        addCount.run(1, id);
      }
    },
  };
}
