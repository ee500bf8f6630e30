import type Database from 'better-sqlite3';
import { MIGRATION_004_SQL } from './migration-004.ts';

/**
 * Numbered, append-only: a released migration is never edited, a change is a new entry.
 * `PRAGMA user_version` records how many have run.
 */
export const MIGRATIONS: readonly { readonly name: string; readonly sql: string }[] = [
  {
    name: '001-posts-threads-tags',
    sql: `
      -- A post is kept whole as JSON (body); the columns are what the unroller looks up by.
      CREATE TABLE posts (
        id TEXT PRIMARY KEY,
        author_id TEXT NOT NULL,
        reply_to_id TEXT,
        conversation_id TEXT,
        thread_id TEXT,
        body TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX posts_by_reply_to ON posts (reply_to_id) WHERE reply_to_id IS NOT NULL;
      CREATE INDEX posts_by_conversation ON posts (conversation_id, author_id) WHERE conversation_id IS NOT NULL;

      -- seq is the FTS rowid and the key of the link tables: an integer keeps the indexes small.
      CREATE TABLE threads (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        lang TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        best_rank INTEGER NOT NULL,
        stored_count INTEGER NOT NULL,
        first_seen_at INTEGER NOT NULL,
        grown_at INTEGER NOT NULL,
        body TEXT NOT NULL
      );

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        thread_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX tags_by_count ON tags (thread_count DESC);

      -- The sort keys are copied into the link so that a page of /threads is one index range scan.
      CREATE TABLE thread_tags (
        tag_id INTEGER NOT NULL REFERENCES tags (id),
        thread_seq INTEGER NOT NULL REFERENCES threads (seq) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        best_rank INTEGER NOT NULL,
        changed_at INTEGER NOT NULL,
        PRIMARY KEY (tag_id, thread_seq)
      ) WITHOUT ROWID;
      CREATE INDEX thread_tags_recent ON thread_tags (tag_id, created_at DESC, thread_seq DESC);
      CREATE INDEX thread_tags_best ON thread_tags (tag_id, best_rank DESC, thread_seq DESC);
      CREATE INDEX thread_tags_lang_recent ON thread_tags (tag_id, lang, created_at DESC, thread_seq DESC);
      CREATE INDEX thread_tags_lang_best ON thread_tags (tag_id, lang, best_rank DESC, thread_seq DESC);
      CREATE INDEX thread_tags_changed ON thread_tags (tag_id, changed_at);
      CREATE INDEX thread_tags_by_thread ON thread_tags (thread_seq);
      CREATE INDEX thread_tags_active ON thread_tags (changed_at, tag_id);

      -- Co-occurrence kept as counts, so /related is an index lookup instead of a self-join.
      CREATE TABLE tag_pairs (
        tag_id INTEGER NOT NULL,
        other_id INTEGER NOT NULL,
        threads INTEGER NOT NULL,
        PRIMARY KEY (tag_id, other_id)
      ) WITHOUT ROWID;
      CREATE INDEX tag_pairs_by_count ON tag_pairs (tag_id, threads DESC);

      -- rowid = threads.seq. remove_diacritics so that "ouighours" finds "Ouïghours".
      CREATE VIRTUAL TABLE thread_text USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');

      -- Where each poller stopped (since_id, cursor, ETag …), so a restart neither refetches nor skips.
      CREATE TABLE source_cursors (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (source, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    name: '002-subscriptions-ledger',
    sql: `
      -- A chat's standing order for a hashtag's digest. topic_id is '' when there is none, so that
      -- the UNIQUE key treats "no topic" as one value. paused_* say why delivery stopped.
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        topic_id TEXT NOT NULL DEFAULT '',
        tag TEXT NOT NULL,
        schedule_kind TEXT NOT NULL CHECK (schedule_kind IN ('daily', 'cron')),
        schedule TEXT NOT NULL,
        zone TEXT NOT NULL,
        lang TEXT,
        min_posts INTEGER,
        created_at INTEGER NOT NULL,
        paused_at INTEGER,
        paused_reason TEXT,
        UNIQUE (platform, chat_id, topic_id, tag)
      );
      CREATE INDEX subscriptions_active_tags ON subscriptions (tag) WHERE paused_at IS NULL;

      -- The delivery ledger: one row per (subscription, period); see docs/adr/0004-delivery-ledger.md.
      -- digest is the prepared digest (JSON), kept until sent so that a retry sends the same thing.
      CREATE TABLE delivery_ledger (
        id INTEGER PRIMARY KEY,
        subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'gone', 'abandoned', 'released')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER,
        owner TEXT,
        lease_until INTEGER,
        since INTEGER NOT NULL,
        until INTEGER NOT NULL,
        digest TEXT,
        thread_ids TEXT NOT NULL DEFAULT '[]',
        messages INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER,
        UNIQUE (subscription_id, period)
      );
      CREATE INDEX delivery_ledger_sent ON delivery_ledger (subscription_id, until) WHERE state = 'sent';
      CREATE INDEX delivery_ledger_recent ON delivery_ledger (subscription_id, created_at);
    `,
  },
  {
    name: '003-digest-covering-index',
    sql: `
      -- A digest asks "threads of this tag changed in the window, best first, long enough": with the
      -- thread's length on the link, one covering index answers it without touching the threads table
      -- for every candidate (10,000 digests took ~9 ms each at 10k threads before, the sort read each thread row).
      ALTER TABLE thread_tags ADD COLUMN stored_count INTEGER NOT NULL DEFAULT 1;
      UPDATE thread_tags SET stored_count = (SELECT stored_count FROM threads WHERE seq = thread_tags.thread_seq);
      DROP INDEX thread_tags_changed;
      CREATE INDEX thread_tags_digest ON thread_tags (tag_id, changed_at, best_rank, stored_count, lang, thread_seq);
    `,
  },
  {
    name: '004-service-leases',
    sql: `
      -- Who runs the service on this database (role 'service'): one \`spool start\` per database.
      -- renewed_at is refreshed while the holder lives; a holder that stopped renewing may be taken over.
      CREATE TABLE service_leases (
        role TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        renewed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    name: '005-subscription-creator',
    sql: `
      -- Who asked for a subscription ('<platform>:<user id>'; NULL for the operator's CLI): the per-person cap
      -- counts a creator's active subscriptions across every chat (issue 12, item 6).
      ALTER TABLE subscriptions ADD COLUMN created_by TEXT;
      CREATE INDEX subscriptions_active_creator ON subscriptions (created_by) WHERE paused_at IS NULL;
    `,
  },
  { name: '006-write-once', sql: MIGRATION_004_SQL },
  {
    name: '007-authors-keys-subscription-options',
    sql: `
      -- Threads by author (/threads @handle, /author/…, author subscriptions). The author's key
      -- (source|author id, core's authorKey) and lower-cased handle are read from the stored thread by
      -- SQLite itself: VIRTUAL generated columns, so the write path is unchanged and only the indexes
      -- below take room. (Where the thread JSON is laid out differently, only these two expressions change.)
      ALTER TABLE threads ADD COLUMN author_key TEXT
        GENERATED ALWAYS AS ((head ->> '$.s') || '|' || (head ->> '$.a[0]')) VIRTUAL;
      ALTER TABLE threads ADD COLUMN author_handle TEXT
        GENERATED ALWAYS AS (lower(head ->> '$.a[1]')) VIRTUAL;
      CREATE INDEX threads_by_author_recent ON threads (author_key, created_at DESC, seq DESC);
      CREATE INDEX threads_by_author_best ON threads (author_key, best_rank DESC, seq DESC);
      CREATE INDEX threads_by_author_changed ON threads (author_key, grown_at);
      CREATE INDEX threads_by_handle ON threads (author_handle) WHERE author_handle <> '';

      -- Stand-ins for values too long for a 64-byte button (a long search, a long thread id): the key
      -- is a hash of the value, so the same value always gets the same key; rows are never removed.
      CREATE TABLE short_keys (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- A subscription's options beyond lang and min_posts, as JSON: languages, required and excluded
      -- words, muted authors, the author an author subscription follows, the live rate (see subscriptions.ts).
      ALTER TABLE subscriptions ADD COLUMN options TEXT;
    `,
  },
  {
    name: '008-chat-settings',
    sql: `
      -- How each chat wants answers and digests shown (/settings, /language): a row only for a chat that
      -- changed something; the others use the defaults. thread_languages is a comma list ('' = all).
      CREATE TABLE chat_settings (
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        media INTEGER NOT NULL DEFAULT 1,
        sensitive TEXT NOT NULL DEFAULT 'spoiler' CHECK (sensitive IN ('show', 'spoiler', 'skip')),
        language TEXT,
        thread_languages TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (platform, chat_id)
      ) WITHOUT ROWID;
    `,
  },
];

/**
 * Applies the missing migrations, each in an IMMEDIATE transaction that reads the version inside it:
 * several processes opening a new database at once (the service and a CLI call, parallel CLI calls)
 * take turns on the write lock, and each applies only what the others have not.
 */
export function migrate(db: Database.Database): void {
  const step = db.transaction((): boolean => {
    const applied = db.pragma('user_version', { simple: true }) as number;
    const migration = MIGRATIONS[applied];
    if (!migration) return false;
    db.exec(migration.sql);
    db.pragma(`user_version = ${applied + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction, until none is missing
  }
}
