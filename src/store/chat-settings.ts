import { applyPatch, DEFAULT_CHAT_SETTINGS, isSensitiveMode, type ChatSettings, type ChatSettingsStore } from '../core/index.ts';
import type { Db } from './db.ts';
import type { Sync } from './sync.ts';

interface SettingsRow {
  media: number;
  sensitive: string;
  language: string | null;
  thread_languages: string;
}

function fromRow(row: SettingsRow | undefined): ChatSettings {
  if (!row) return DEFAULT_CHAT_SETTINGS;
  return {
    media: row.media !== 0,
    sensitive: isSensitiveMode(row.sensitive) ? row.sensitive : DEFAULT_CHAT_SETTINGS.sensitive,
    ...(row.language ? { language: row.language } : {}),
    threadLanguages: row.thread_languages === '' ? [] : row.thread_languages.split(','),
  };
}

/** Chat settings in SQLite: one row per chat that changed any (migration 005), read by primary key. */
export function createSqliteChatSettings(db: Db): Sync<ChatSettingsStore> {
  const select = db.prepare<{ platform: string; chatId: string }, SettingsRow>(
    'SELECT media, sensitive, language, thread_languages FROM chat_settings WHERE platform = @platform AND chat_id = @chatId',
  );
  const upsert = db.prepare<{
    platform: string;
    chatId: string;
    media: number;
    sensitive: string;
    language: string | null;
    threadLanguages: string;
    at: number;
  }>(`
    INSERT INTO chat_settings (platform, chat_id, media, sensitive, language, thread_languages, updated_at)
    VALUES (@platform, @chatId, @media, @sensitive, @language, @threadLanguages, @at)
    ON CONFLICT (platform, chat_id) DO UPDATE SET media = excluded.media, sensitive = excluded.sensitive,
      language = excluded.language, thread_languages = excluded.thread_languages, updated_at = excluded.updated_at`);
  const update = db.transaction((chat: { platform: string; chatId: string }, patch: Parameters<ChatSettingsStore['update']>[1]): ChatSettings => {
    const next = applyPatch(fromRow(select.get(chat)), patch);
    upsert.run({
      ...chat,
      media: next.media ? 1 : 0,
      sensitive: next.sensitive,
      language: next.language ?? null,
      threadLanguages: next.threadLanguages.join(','),
      at: Date.now(),
    });
    return next;
  });
  return {
    get: (chat) => fromRow(select.get({ platform: chat.platform, chatId: chat.chatId })),
    update: (chat, patch) => update({ platform: chat.platform, chatId: chat.chatId }, patch),
  };
}
