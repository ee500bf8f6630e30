import type { Clock, DeliveryLedger, Digest, LedgerEntry, LedgerState } from '../core/index.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';

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
 * The delivery ledger in SQLite (docs/adr/0004-delivery-ledger.md). Every write is one statement
 * guarded by the row's state and attempt count, so two processes sharing the file cannot both
 * claim a row, and a late answer cannot overwrite a newer attempt (a late `sent` still lands:
 * the platform has the message, so the ledger must say so).
 */
export function createSqliteLedger(db: Db, clock: Clock): Sync<DeliveryLedger> {
  const get = db.prepare<[number, string], LedgerRow>('SELECT * FROM delivery_ledger WHERE subscription_id = ? AND period = ?');
  const insert = db.prepare(`
    INSERT INTO delivery_ledger (subscription_id, period, state, attempts, owner, lease_until, since, until, digest, thread_ids, created_at, updated_at)
    VALUES (@subscriptionId, @period, 'sending', 1, @owner, @leaseUntil, @since, @until, @digest, @threadIds, @now, @now)
    ON CONFLICT (subscription_id, period) DO NOTHING`);
  const takeOver = db.prepare(`
    UPDATE delivery_ledger SET state = 'sending', attempts = attempts + 1, owner = @owner, lease_until = @leaseUntil, updated_at = @now
    WHERE subscription_id = @subscriptionId AND period = @period AND attempts = @attempts AND state NOT IN ('sent', 'gone', 'abandoned')`);
  const settle = db.prepare(`
    UPDATE delivery_ledger SET state = @state, messages = @messages, last_error = @error, next_attempt_at = @nextAttemptAt,
      owner = NULL, lease_until = NULL, updated_at = @now, sent_at = @sentAt,
      digest = CASE WHEN @state = 'sent' THEN NULL ELSE digest END
    WHERE id = @id AND attempts = @attempts
      AND (state = 'sending' OR (@state = 'sent' AND state IN ('failed', 'released', 'abandoned')))`);
  const lastSent = db.prepare<[number], { until: number }>(
    `SELECT until FROM delivery_ledger WHERE subscription_id = ? AND state = 'sent' ORDER BY until DESC LIMIT 1`,
  );
  // Bounded by created_at (delivery_ledger_recent): how far back a chat's memory of a thread goes is the caller's `since`.
  const shown = db.prepare<Record<string, unknown>, { id: string; until: number }>(`
    SELECT j.value AS id, MAX(l.until) AS until
    FROM subscriptions s JOIN delivery_ledger l ON l.subscription_id = s.id, json_each(l.thread_ids) j
    WHERE s.platform = @platform AND s.chat_id = @chatId AND s.topic_id = @topicId
      AND l.state = 'sent' AND l.created_at >= @since AND j.value IN (SELECT value FROM json_each(@ids))
    GROUP BY j.value`);
  const live = db.prepare<Record<string, unknown>, { n: number }>(`
    SELECT COUNT(*) AS n FROM subscriptions s JOIN delivery_ledger l ON l.subscription_id = s.id
    WHERE s.platform = @platform AND s.chat_id = @chatId AND l.period LIKE 'L%'
      AND l.created_at >= @since AND l.state NOT IN ('gone', 'abandoned')`);
  const recent = db.prepare<Record<string, unknown>, { thread_ids: string }>(`
    SELECT l.thread_ids FROM subscriptions s JOIN delivery_ledger l ON l.subscription_id = s.id
    WHERE s.platform = @platform AND s.chat_id = @chatId AND s.topic_id = @topicId AND s.id <> @except
      AND l.created_at >= @since AND l.state NOT IN ('gone', 'abandoned')`);

  return {
    get(subscriptionId, period) {
      const row = get.get(subscriptionId, period);
      return row ? toEntry(row) : undefined;
    },
    claim(input, owner, leaseUntil, expected) {
      const now = clock.now().getTime();
      const params = { subscriptionId: input.subscriptionId, period: input.period, owner, leaseUntil: leaseUntil.getTime(), now };
      const changed = expected
        ? takeOver.run({ ...params, attempts: expected.attempts }).changes
        : insert.run({
            ...params,
            since: input.since.getTime(),
            until: input.until.getTime(),
            digest: JSON.stringify(input.digest),
            threadIds: JSON.stringify(input.threadIds),
          }).changes;
      if (changed === 0) return undefined;
      const row = get.get(input.subscriptionId, input.period);
      return row ? toEntry(row) : undefined;
    },
    settle(entry, result, at) {
      const changes = settle.run({
        id: entry.id,
        attempts: entry.attempts,
        state: result.state,
        messages: result.state === 'sent' ? result.messages : 0,
        error: result.state === 'sent' ? null : result.error,
        nextAttemptAt: result.state === 'failed' ? result.nextAttemptAt.getTime() : null,
        sentAt: result.state === 'sent' ? at.getTime() : null,
        now: at.getTime(),
      }).changes;
      return changes > 0;
    },
    lastSentUntil(subscriptionId) {
      const row = lastSent.get(subscriptionId);
      return row ? new Date(row.until) : undefined;
    },
    recentThreadIds(target, since, exceptSubscriptionId) {
      const ids = new Set<string>();
      const rows = recent.all({
        platform: target.platform,
        chatId: target.chatId,
        topicId: target.topicId ?? '',
        except: exceptSubscriptionId,
        since: since.getTime(),
      });
      for (const row of rows) for (const id of JSON.parse(row.thread_ids) as string[]) ids.add(id);
      return ids;
    },
    lastShown(target, threadIds, since) {
      if (threadIds.length === 0) return new Map();
      const rows = shown.all({
        platform: target.platform,
        chatId: target.chatId,
        topicId: target.topicId ?? '',
        since: since.getTime(),
        ids: JSON.stringify(threadIds),
      });
      return new Map(rows.map((r) => [r.id, new Date(r.until)]));
    },
    liveDeliveriesSince(target, since) {
      return live.get({ platform: target.platform, chatId: target.chatId, since: since.getTime() })?.n ?? 0;
    },
  };
}
