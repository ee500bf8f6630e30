import type Database from 'better-sqlite3';

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
];

export function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let i = applied; i < MIGRATIONS.length; i++) {
    const migration = MIGRATIONS[i];
    if (!migration) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
