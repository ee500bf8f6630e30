import type { TransactionSql } from './connect.ts';

export interface LinkKeys {
  readonly lang: string;
  readonly createdAt: number;
  readonly bestRank: number;
  readonly changedAt: number;
  readonly storedCount: number;
}

export const NO_KEYS: LinkKeys = { lang: '', createdAt: 0, bestRank: 0, changedAt: 0, storedCount: 0 };

/** The ids of `names`, creating the tags that are new. */
async function tagIds(tx: TransactionSql, names: readonly string[]): Promise<number[]> {
  if (names.length === 0) return [];
  await tx`INSERT INTO tags (name) SELECT unnest(${tx.array([...names])}::text[]) ON CONFLICT (name) DO NOTHING`;
  const rows = await tx<{ id: number; name: string }[]>`SELECT id, name FROM tags WHERE name = ANY(${tx.array([...names])}::text[])`;
  const byName = new Map(rows.map((r) => [r.name, r.id]));
  return names.map((name) => byName.get(name) as number);
}

/**
 * Makes thread `seq`'s links exactly `tags` (with the sort keys given), keeping the per-tag thread counts
 * and the co-occurrence counts in step: only the difference between the old and the new set is written,
 * as SQLite's tag-links.ts does, in a handful of set-based statements.
 */
export async function replaceTagLinks(tx: TransactionSql, seq: number, tags: readonly string[], keys: LinkKeys): Promise<void> {
  const beforeRows = await tx<{ tag_id: number }[]>`SELECT tag_id FROM thread_tags WHERE thread_seq = ${seq}`;
  const before = new Set(beforeRows.map((r) => r.tag_id));
  const after = new Set(await tagIds(tx, tags));
  const removed = [...before].filter((id) => !after.has(id));
  const added = [...after].filter((id) => !before.has(id));
  const kept = [...after].filter((id) => before.has(id));

  // Pairs: removed tags lose every pair they had; added tags gain every pair they now have.
  const deltas = new Map<string, { a: number; b: number; delta: number }>();
  const adjust = (ids: readonly number[], others: readonly number[], delta: number) => {
    for (const a of ids) {
      for (const b of others) {
        if (a === b) continue;
        const key = `${a}:${b}`;
        const entry = deltas.get(key) ?? { a, b, delta: 0 };
        entry.delta += delta;
        deltas.set(key, entry);
      }
    }
  };
  adjust(removed, [...before], -1);
  adjust(kept, removed, -1);
  adjust(added, [...after], +1);
  adjust(kept, added, +1);
  const changes = [...deltas.values()].filter((d) => d.delta !== 0);
  if (changes.length > 0) {
    await tx`
      INSERT INTO tag_pairs (tag_id, other_id, threads)
      SELECT * FROM unnest(${tx.array(changes.map((c) => c.a))}::bigint[], ${tx.array(changes.map((c) => c.b))}::bigint[],
                           ${tx.array(changes.map((c) => c.delta))}::int[])
      ON CONFLICT (tag_id, other_id) DO UPDATE SET threads = tag_pairs.threads + excluded.threads`;
    if (changes.some((c) => c.delta < 0)) {
      await tx`DELETE FROM tag_pairs WHERE tag_id = ANY(${tx.array(changes.map((c) => c.a))}::bigint[]) AND threads <= 0`;
    }
  }
  if (removed.length > 0) {
    await tx`DELETE FROM thread_tags WHERE thread_seq = ${seq} AND tag_id = ANY(${tx.array(removed)}::bigint[])`;
    await tx`UPDATE tags SET thread_count = thread_count - 1 WHERE id = ANY(${tx.array(removed)}::bigint[])`;
  }
  if (kept.length > 0) {
    await tx`
      UPDATE thread_tags SET lang = ${keys.lang}, created_at = ${keys.createdAt}, best_rank = ${keys.bestRank},
        changed_at = ${keys.changedAt}, stored_count = ${keys.storedCount}
      WHERE thread_seq = ${seq}`;
  }
  if (added.length > 0) {
    await tx`
      INSERT INTO thread_tags (tag_id, thread_seq, lang, created_at, best_rank, changed_at, stored_count)
      SELECT unnest(${tx.array(added)}::bigint[]), ${seq}, ${keys.lang}, ${keys.createdAt}, ${keys.bestRank}, ${keys.changedAt}, ${keys.storedCount}`;
    await tx`UPDATE tags SET thread_count = thread_count + 1 WHERE id = ANY(${tx.array(added)}::bigint[])`;
  }
}
