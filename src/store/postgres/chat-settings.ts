import { applyPatch, DEFAULT_CHAT_SETTINGS, isSensitiveMode, type ChatSettings, type ChatSettingsStore } from '../../core/index.ts';
import type { Sql } from './connect.ts';

interface SettingsRow {
  media: boolean;
  sensitive: string;
  language: string | null;
  thread_languages: string;
}

function fromRow(row: SettingsRow | undefined): ChatSettings {
  if (!row) return DEFAULT_CHAT_SETTINGS;
  return {
    media: row.media,
    sensitive: isSensitiveMode(row.sensitive) ? row.sensitive : DEFAULT_CHAT_SETTINGS.sensitive,
    ...(row.language ? { language: row.language } : {}),
    threadLanguages: row.thread_languages === '' ? [] : row.thread_languages.split(','),
  };
}

/** Chat settings in PostgreSQL: a patch is read and written in one transaction, the row locked meanwhile. */
export function createPostgresChatSettings(sql: Sql): ChatSettingsStore {
  return {
    async get(chat) {
      const [row] = await sql<SettingsRow[]>`
        SELECT media, sensitive, language, thread_languages FROM chat_settings WHERE platform = ${chat.platform} AND chat_id = ${chat.chatId}`;
      return fromRow(row);
    },
    update(chat, patch) {
      return sql.begin(async (tx) => {
        const [row] = await tx<SettingsRow[]>`
          SELECT media, sensitive, language, thread_languages FROM chat_settings
          WHERE platform = ${chat.platform} AND chat_id = ${chat.chatId} FOR UPDATE`;
        const next = applyPatch(fromRow(row), patch);
        await tx`
          INSERT INTO chat_settings (platform, chat_id, media, sensitive, language, thread_languages, updated_at)
          VALUES (${chat.platform}, ${chat.chatId}, ${next.media}, ${next.sensitive}, ${next.language ?? null}, ${next.threadLanguages.join(',')}, ${Date.now()})
          ON CONFLICT (platform, chat_id) DO UPDATE SET media = excluded.media, sensitive = excluded.sensitive,
            language = excluded.language, thread_languages = excluded.thread_languages, updated_at = excluded.updated_at`;
        return next;
      });
    },
  };
}
