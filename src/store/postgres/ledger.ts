import type { Clock, DeliveryLedger, Digest, LedgerEntry, LedgerState } from '../../core/index.ts';
import type { Sql } from './connect.ts';

interface LedgerRow {
  id: number;
  subscription_id: number;
  period: string;
  state: LedgerState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number | null;
  owner: string | null;
  lease_until: number | null;
  since: number;
  until: number;
  digest: string | null;
  thread_ids: string;
  messages: number;
  sent_at: number | null;
}

const date = (ms: number | null): Date | undefined => (ms === null ? undefined : new Date(ms));

function toEntry(row: LedgerRow): LedgerEntry {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    period: row.period,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    nextAttemptAt: date(row.next_attempt_at),
    owner: row.owner ?? undefined,
    leaseUntil: date(row.lease_until),
    since: new Date(row.since),
    until: new Date(row.until),
    digest: row.digest === null ? undefined : (JSON.parse(row.digest) as Digest),
    threadIds: JSON.parse(row.thread_ids) as string[],
    messages: row.messages,
    sentAt: date(row.sent_at),
  };
}

/**
 * The delivery ledger in PostgreSQL, with the same compare-and-set writes as SQLite's: a claim is an
 * INSERT … ON CONFLICT DO NOTHING or an UPDATE guarded by the attempt count the claimer read. Under
 * READ COMMITTED, a second replica's UPDATE waits for the first's row lock, then re-checks its WHERE
 * on the committed row (attempts moved on) and changes nothing: one claim wins, whatever the timing.
 */
export function createPostgresLedger(sql: Sql, clock: Clock): DeliveryLedger {
  return {
    async get(subscriptionId, period) {
      const [row] = await sql<LedgerRow[]>`SELECT * FROM delivery_ledger WHERE subscription_id = ${subscriptionId} AND period = ${period}`;
      return row ? toEntry(row) : undefined;
    },
    async claim(input, owner, leaseUntil, expected) {
      const now = clock.now().getTime();
      const rows = expected
        ? await sql<LedgerRow[]>`
            UPDATE delivery_ledger SET state = 'sending', attempts = attempts + 1, owner = ${owner}, lease_until = ${leaseUntil.getTime()},
              updated_at = ${now}
            WHERE subscription_id = ${input.subscriptionId} AND period = ${input.period} AND attempts = ${expected.attempts}
              AND state NOT IN ('sent', 'gone', 'abandoned')
            RETURNING *`
        : await sql<LedgerRow[]>`
            INSERT INTO delivery_ledger (subscription_id, period, state, attempts, owner, lease_until, since, until, digest, thread_ids, created_at, updated_at)
            VALUES (${input.subscriptionId}, ${input.period}, 'sending', 1, ${owner}, ${leaseUntil.getTime()}, ${input.since.getTime()},
                    ${input.until.getTime()}, ${JSON.stringify(input.digest)}, ${JSON.stringify(input.threadIds)}, ${now}, ${now})
            ON CONFLICT (subscription_id, period) DO NOTHING
            RETURNING *`;
      const [row] = rows;
      return row ? toEntry(row) : undefined;
    },
    async settle(entry, result, at) {
      const state = result.state;
      const changed = await sql`
        UPDATE delivery_ledger SET state = ${state}, messages = ${result.state === 'sent' ? result.messages : 0},
          last_error = ${result.state === 'sent' ? null : result.error},
          next_attempt_at = ${result.state === 'failed' ? result.nextAttemptAt.getTime() : null},
          owner = NULL, lease_until = NULL, updated_at = ${at.getTime()},
          sent_at = ${result.state === 'sent' ? at.getTime() : null},
          digest = CASE WHEN ${state}::text = 'sent' THEN NULL ELSE digest END
        WHERE id = ${entry.id} AND attempts = ${entry.attempts}
          AND (state = 'sending' OR (${state}::text = 'sent' AND state IN ('failed', 'released', 'abandoned')))`;
      return changed.count > 0;
    },
    async lastSentUntil(subscriptionId) {
      const [row] = await sql<{ until: number }[]>`
        SELECT until FROM delivery_ledger WHERE subscription_id = ${subscriptionId} AND state = 'sent' ORDER BY until DESC LIMIT 1`;
      return row ? new Date(row.until) : undefined;
    },
    async recentThreadIds(target, since, exceptSubscriptionId) {
      const rows = await sql<{ thread_ids: string }[]>`
        SELECT l.thread_ids FROM subscriptions s JOIN delivery_ledger l ON l.subscription_id = s.id
        WHERE s.platform = ${target.platform} AND s.chat_id = ${target.chatId} AND s.topic_id = ${target.topicId ?? ''}
          AND s.id <> ${exceptSubscriptionId} AND l.created_at >= ${since.getTime()} AND l.state NOT IN ('gone', 'abandoned')`;
      const ids = new Set<string>();
      for (const row of rows) for (const id of JSON.parse(row.thread_ids) as string[]) ids.add(id);
      return ids;
    },
    async lastShown(target, threadIds, since) {
      if (threadIds.length === 0) return new Map();
      // Bounded by created_at (delivery_ledger_recent): how far back a chat's memory of a thread goes is the caller's `since`.
      const rows = await sql<{ id: string; until: number }[]>`
        SELECT j.id, MAX(l.until) AS until
        FROM subscriptions s JOIN delivery_ledger l ON l.subscription_id = s.id,
             jsonb_array_elements_text(l.thread_ids::jsonb) AS j (id)
        WHERE s.platform = ${target.platform} AND s.chat_id = ${target.chatId} AND s.topic_id = ${target.topicId ?? ''}
          AND l.state = 'sent' AND l.created_at >= ${since.getTime()} AND j.id = ANY(${sql.array([...threadIds])}::text[])
        GROUP BY j.id`;
      return new Map(rows.map((r) => [r.id, new Date(Number(r.until))]));
    },
    async liveDeliveriesSince(target, since) {
      const [row] = await sql<{ n: number }[]>`
        SELECT COUNT(*)::int AS n FROM subscriptions s JOIN delivery_ledger l ON l.subscription_id = s.id
        WHERE s.platform = ${target.platform} AND s.chat_id = ${target.chatId} AND l.period LIKE 'L%'
          AND l.created_at >= ${since.getTime()} AND l.state NOT IN ('gone', 'abandoned')`;
      return row?.n ?? 0;
    },
  };
}
