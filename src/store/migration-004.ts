/**
 * Migration 004: the write-once layout (issue 18). What changes and why, measured in docs/benchmarks.md:
 *
 * - `posts` becomes a rowid table: rows are appended in arrival order instead of being inserted into a
 *   B-tree keyed by a text id (rows of ~400 bytes made that tree slow and 70 % full). The row is written
 *   once, with its thread. `body` is the post without its id and without the fields at their default.
 *   The reply/conversation indexes covered every post; now only "loose" posts are indexed: those whose
 *   parent is not above them in the same thread (orphans waiting for a parent, replies to others).
 *   Every other child is found by loading its parent's thread (`posts_by_thread`, appended in order).
 * - `threads` keeps the thread without its posts (`head`, with the first post) apart from the other
 *   posts (`rest`): lists and digests read the head only.
 * - The full-text index is contentless (`thread_search`): the text is no longer stored a third time.
 *   `detail=none` keeps no word positions (search has no phrases: every word must match). Marks
 *   (M*) count as letters, so that a Hindi or vowelled Arabic word is one token, not a run of
 *   fragments that would need a phrase (and positions) to stay together. Each
 *   thread's tags are indexed as `tagid<N>` tokens, so a tag-scoped search is one index intersection.
 *   Segments merge two at a time, and each batch merges some more (ingest.ts): a search reads each
 *   word's list from few segments (with the defaults, 3× slower at 100k threads).
 * - `thread_tags` is keyed in /threads' "recent" order and keeps three indexes instead of eight;
 *   per-language counts move to `tag_langs`, which a batch updates once per tag and language.
 * - `tag_grams` holds each tag's trigrams (with `^` and `$` at the ends) for "did you mean".
 *
 * Existing rows are carried over in SQL (frozen here, whatever the code does later).
 */
export const MIGRATION_004_SQL = `
  ALTER TABLE posts RENAME TO posts_003;
  ALTER TABLE thread_tags RENAME TO thread_tags_003;
  ALTER TABLE threads RENAME TO threads_003;

  -- Each post of each old thread body, in order, in the form a thread row keeps it.
  CREATE TEMP TABLE thread_posts_003 AS
  SELECT t.seq, CAST(j.key AS INTEGER) AS i,
         CASE WHEN COALESCE(j.value ->> '$.media', 0) <> 0
                THEN json_array(j.value ->> '$.id', j.value ->> '$.text', j.value ->> '$.createdAt', COALESCE(j.value ->> '$.url', ''), j.value ->> '$.media')
              WHEN COALESCE(j.value ->> '$.url', '') <> ''
                THEN json_array(j.value ->> '$.id', j.value ->> '$.text', j.value ->> '$.createdAt', j.value ->> '$.url')
              ELSE json_array(j.value ->> '$.id', j.value ->> '$.text', j.value ->> '$.createdAt') END AS post
  FROM threads_003 t, json_each(t.body, '$.posts') j;
  CREATE INDEX temp.thread_posts_003_seq ON thread_posts_003 (seq, i);

  CREATE TABLE threads (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    best_rank INTEGER NOT NULL,
    stored_count INTEGER NOT NULL,
    first_seen_at INTEGER NOT NULL,
    grown_at INTEGER NOT NULL,
    head TEXT NOT NULL,
    rest TEXT NOT NULL
  );
  -- head: one-letter keys (thread-codec.ts); a post is [id, text, createdAt(, url(, media))].
  INSERT INTO threads (seq, id, lang, created_at, best_rank, stored_count, first_seen_at, grown_at, head, rest)
  SELECT seq, id, lang, created_at, best_rank, stored_count, first_seen_at, grown_at,
         json_object('s', body ->> '$.source',
                     'a', json_array(body ->> '$.author.id', body ->> '$.author.handle', COALESCE(body ->> '$.author.name', '')),
                     'n', body ->> '$.postCount', 'h', body -> '$.hashtags', 'e', body ->> '$.updatedAt',
                     'm', json_array(body ->> '$.metrics.likes', body ->> '$.metrics.reposts', body ->> '$.metrics.replies'),
                     'f', json((SELECT p.post FROM thread_posts_003 p WHERE p.seq = t.seq AND p.i = 0)),
                     'w', CASE WHEN body ->> '$.undated' THEN 1 END, 'o', body ->> '$.origin'),
         COALESCE((SELECT json_group_array(json(p.post)) FROM thread_posts_003 p WHERE p.seq = t.seq AND p.i > 0), '[]')
  FROM threads_003 t ORDER BY seq;

  CREATE TABLE posts (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    thread_seq INTEGER,
    loose_parent TEXT,
    loose_conversation TEXT,
    body TEXT NOT NULL
  );
  -- body: one-letter keys, defaults left out (post-codec.ts); json_patch onto {} drops the nulls.
  INSERT INTO posts (id, thread_seq, loose_parent, loose_conversation, body)
  SELECT o.id, t.seq, l.parent, CASE WHEN l.parent IS NOT NULL THEN o.conversation_id END,
         json_patch('{}', json_object(
           's', CASE WHEN o.body ->> '$.source' <> substr(o.id, 1, instr(o.id, ':') - 1) THEN o.body ->> '$.source' END,
           'a', CASE WHEN o.body ->> '$.author.bot'
                       THEN json_array(o.body ->> '$.author.id', o.body ->> '$.author.handle', COALESCE(o.body ->> '$.author.name', ''), 1)
                     WHEN COALESCE(o.body ->> '$.author.name', '') <> ''
                       THEN json_array(o.body ->> '$.author.id', o.body ->> '$.author.handle', o.body ->> '$.author.name')
                     ELSE json_array(o.body ->> '$.author.id', o.body ->> '$.author.handle') END,
           't', o.body ->> '$.text', 'c', o.body ->> '$.createdAt', 'u', NULLIF(o.body ->> '$.url', ''), 'l', o.body ->> '$.lang',
           'r', o.body ->> '$.replyToId',
           'ra', CASE WHEN o.body ->> '$.replyToAuthorId' = o.body ->> '$.author.id' THEN 1 ELSE o.body ->> '$.replyToAuthorId' END,
           'v', o.body ->> '$.conversationId', 'q', o.body ->> '$.quoteOfId', 'p', CASE WHEN o.body ->> '$.isRepost' THEN 1 END,
           'h', o.body -> '$.hashtags',
           'x', CASE WHEN json_array_length(o.body, '$.extraHashtags') > 0 THEN o.body -> '$.extraHashtags' END,
           'm', NULLIF(o.body ->> '$.media', 0),
           'n', CASE WHEN COALESCE(o.body ->> '$.metrics.likes', 0) <> 0 OR COALESCE(o.body ->> '$.metrics.reposts', 0) <> 0
                       OR COALESCE(o.body ->> '$.metrics.replies', 0) <> 0
                     THEN json_array(o.body ->> '$.metrics.likes', o.body ->> '$.metrics.reposts', o.body ->> '$.metrics.replies') END,
           'd', o.body ->> '$.declaredThreadLength',
           'w', CASE WHEN o.body ->> '$.undated' THEN 1 END, 'o', o.body ->> '$.origin'))
  FROM posts_003 o
  LEFT JOIN threads t ON t.id = o.thread_id
  JOIN (SELECT p.id,
               CASE WHEN p.reply_to_id IS NOT NULL AND NOT COALESCE(p.body ->> '$.isRepost', 0)
                     AND NOT EXISTS (SELECT 1 FROM posts_003 parent WHERE parent.id = p.reply_to_id
                                     AND p.thread_id IS NOT NULL AND parent.thread_id = p.thread_id)
                    THEN p.reply_to_id END AS parent
        FROM posts_003 p) AS l ON l.id = o.id
  ORDER BY t.seq, o.id;

  CREATE VIRTUAL TABLE thread_search USING fts5 (
    text, content = '', contentless_delete = 1, detail = none,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* M* N* Co'"
  );
  -- Merge level segments two at a time (default four): fewer segments for each word's list to be read from.
  INSERT INTO thread_search (thread_search, rank) VALUES ('automerge', 2);
  INSERT INTO thread_search (rowid, text)
  SELECT x.rowid, x.text || ' ' || COALESCE((SELECT group_concat('tagid' || l.tag_id, ' ') FROM thread_tags_003 l
                                             WHERE l.thread_seq = x.rowid), '')
  FROM thread_text x;

  CREATE TABLE thread_tags (
    tag_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    thread_seq INTEGER NOT NULL,
    lang TEXT NOT NULL,
    best_rank INTEGER NOT NULL,
    changed_at INTEGER NOT NULL,
    stored_count INTEGER NOT NULL,
    PRIMARY KEY (tag_id, created_at, thread_seq)
  ) WITHOUT ROWID;
  INSERT INTO thread_tags (tag_id, created_at, thread_seq, lang, best_rank, changed_at, stored_count)
  SELECT tag_id, created_at, thread_seq, lang, best_rank, changed_at, stored_count FROM thread_tags_003 ORDER BY 1, 2, 3;

  CREATE TABLE tag_langs (
    tag_id INTEGER NOT NULL,
    lang TEXT NOT NULL,
    threads INTEGER NOT NULL,
    PRIMARY KEY (tag_id, lang)
  ) WITHOUT ROWID;
  INSERT INTO tag_langs (tag_id, lang, threads) SELECT tag_id, lang, COUNT(*) FROM thread_tags GROUP BY tag_id, lang;

  CREATE TABLE tag_grams (
    gram TEXT NOT NULL,
    length INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    PRIMARY KEY (gram, length, tag_id)
  ) WITHOUT ROWID;
  INSERT OR IGNORE INTO tag_grams (gram, length, tag_id)
  WITH RECURSIVE g (tag_id, padded, length, i) AS (
    SELECT id, '^' || name || '$', length(name), 1 FROM tags
    UNION ALL SELECT tag_id, padded, length, i + 1 FROM g WHERE i + 3 <= length(padded)
  )
  SELECT substr(padded, i, 3), length, tag_id FROM g WHERE length(padded) >= 3;

  DROP TABLE thread_posts_003;
  DROP TABLE thread_text;
  DROP TABLE thread_tags_003;
  DROP TABLE threads_003;
  DROP TABLE posts_003;

  CREATE INDEX posts_by_thread ON posts (thread_seq) WHERE thread_seq IS NOT NULL;
  CREATE INDEX posts_loose_by_parent ON posts (loose_parent) WHERE loose_parent IS NOT NULL;
  CREATE INDEX posts_loose_by_conversation ON posts (loose_conversation) WHERE loose_conversation IS NOT NULL;
  CREATE INDEX thread_tags_best ON thread_tags (tag_id, best_rank, thread_seq, lang);
  CREATE INDEX thread_tags_digest ON thread_tags (tag_id, changed_at, best_rank, stored_count, lang, thread_seq);
  CREATE INDEX thread_tags_active ON thread_tags (changed_at, tag_id);
`;
