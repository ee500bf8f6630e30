import type { Db } from './db.ts';
import { tagGrams } from './tag-grams.ts';

/** A thread's place in `thread_tags`: its tags and the sort keys copied onto each link. */
export interface ThreadLinks {
  readonly seq: number;
  readonly tagIds: readonly number[];
  readonly lang: string;
  readonly createdAt: number;
  readonly bestRank: number;
  readonly changedAt: number;
  readonly storedCount: number;
}

const PAIR_BASE = 2 ** 26;

/**
 * Tag links for one batch. Link rows are written as threads are saved; the per-tag counts, the
 * per-language counts and the co-occurrence pairs are summed in memory and written once per tag (or
 * pair) at the end of the batch: a popular tag's count is updated once, not once per thread.
 */
export function createTagLinks(db: Db) {
  const idsByName = db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM tags WHERE name IN (SELECT value FROM json_each(?))');
  const insertTag = db.prepare<[string]>('INSERT INTO tags (name) VALUES (?)');
  const insertGrams = db.prepare<[number, number, string]>('INSERT OR IGNORE INTO tag_grams (gram, length, tag_id) SELECT value, ?, ? FROM json_each(?)');
  const insertLink = db.prepare<[Omit<ThreadLinks, 'tagIds'> & { tagId: number }]>(`
    INSERT INTO thread_tags (tag_id, created_at, thread_seq, lang, best_rank, changed_at, stored_count)
    VALUES (@tagId, @createdAt, @seq, @lang, @bestRank, @changedAt, @storedCount)`);
  const deleteLink = db.prepare<[number, number, number]>('DELETE FROM thread_tags WHERE tag_id = ? AND created_at = ? AND thread_seq = ?');
  const addCount = db.prepare<[number, number]>('UPDATE tags SET thread_count = thread_count + ? WHERE id = ?');
  const addLang = db.prepare<[number, string, number]>(`
    INSERT INTO tag_langs (tag_id, lang, threads) VALUES (?, ?, ?)
    ON CONFLICT (tag_id, lang) DO UPDATE SET threads = threads + excluded.threads`);
  const dropEmptyLangs = db.prepare<[number]>('DELETE FROM tag_langs WHERE tag_id = ? AND threads <= 0');
  const addPair = db.prepare<[number, number, number]>(`
    INSERT INTO tag_pairs (tag_id, other_id, threads) VALUES (?, ?, ?)
    ON CONFLICT (tag_id, other_id) DO UPDATE SET threads = threads + excluded.threads`);
  const dropEmptyPairs = db.prepare<[number]>('DELETE FROM tag_pairs WHERE tag_id = ? AND threads <= 0');

  return {
    /** Ids for these tag names, creating (and indexing for "did you mean") the new ones. */
    resolve(names: Iterable<string>): Map<string, number> {
      const wanted = [...new Set(names)];
      const ids = new Map<string, number>();
      if (wanted.length === 0) return ids;
      for (const row of idsByName.all(JSON.stringify(wanted))) ids.set(row.name, row.id);
      for (const name of wanted) {
        if (ids.has(name)) continue;
        const id = Number(insertTag.run(name).lastInsertRowid);
        ids.set(name, id);
        insertGrams.run([...name].length, id, JSON.stringify(tagGrams(name)));
      }
      return ids;
    },

    /** A batch's link changes; `flush()` writes the sums. */
    batch() {
      const counts = new Map<number, number>();
      const langs = new Map<string, number>();
      // A pair of tag ids as one number (ids stay far below 2^26): no string per pair.
      const pairs = new Map<number, number>();
      const bump = <K>(map: Map<K, number>, key: K, delta: number): void => void map.set(key, (map.get(key) ?? 0) + delta);
      function account(links: ThreadLinks, delta: 1 | -1): void {
        for (const a of links.tagIds) {
          bump(counts, a, delta);
          bump(langs, `${a}\u0000${links.lang}`, delta);
          for (const b of links.tagIds) if (a !== b) bump(pairs, a * PAIR_BASE + b, delta);
        }
      }
      return {
        /** Replaces `before`'s links (undefined: the thread had none) by `after`'s (undefined: it is gone). */
        replace(before: ThreadLinks | undefined, after: ThreadLinks | undefined): void {
          if (before) {
            for (const id of before.tagIds) deleteLink.run(id, before.createdAt, before.seq);
            account(before, -1);
          }
          if (after) {
            const { tagIds, ...keys } = after;
            for (const tagId of tagIds) insertLink.run({ ...keys, tagId });
            account(after, 1);
          }
        },
        flush(): void {
          for (const [id, delta] of counts) if (delta !== 0) addCount.run(delta, id);
          const shrunk = new Set<number>();
          for (const [key, delta] of langs) {
            if (delta === 0) continue;
            const at = key.indexOf('\u0000');
            const id = Number(key.slice(0, at));
            addLang.run(id, key.slice(at + 1), delta);
            if (delta < 0) shrunk.add(id);
          }
          for (const id of shrunk) dropEmptyLangs.run(id);
          shrunk.clear();
          for (const [key, delta] of pairs) {
            if (delta === 0) continue;
            const a = Math.floor(key / PAIR_BASE);
            addPair.run(a, key - a * PAIR_BASE, delta);
            if (delta < 0) shrunk.add(a);
          }
          for (const id of shrunk) dropEmptyPairs.run(id);
        },
      };
    },
  };
}
