/**
 * How a chat wants digests and answers shown, set by its admins with `/settings` and `/language`:
 * pictures on or off, what to do with sensitive threads, the interface language, and the thread
 * languages it prefers (others fold into one closing line of a digest).
 */
export const SENSITIVE_MODES = ['show', 'spoiler', 'skip'] as const;
export type SensitiveMode = (typeof SENSITIVE_MODES)[number];

export const isSensitiveMode = (value: string): value is SensitiveMode => (SENSITIVE_MODES as readonly string[]).includes(value);

export interface ChatSettings {
  /** Show a thread's first picture (an embed image, a link preview: whatever the platform shows). Default on. */
  readonly media: boolean;
  /** Sensitive threads: shown as they are, behind a spoiler with the warning in the clear (default), or left out. */
  readonly sensitive: SensitiveMode;
  /** The interface language (`fr`); undefined: the language the platform reports for the person or server. */
  readonly language?: string | undefined;
  /** Thread languages the chat prefers (`['en', 'fr']`); empty: all languages alike. */
  readonly threadLanguages: readonly string[];
}

export const DEFAULT_CHAT_SETTINGS: ChatSettings = { media: true, sensitive: 'spoiler', threadLanguages: [] };

/** A chat on a platform: settings belong to the whole chat, every topic of it alike. */
export interface ChatRef {
  readonly platform: string;
  readonly chatId: string;
}

export type ChatSettingsPatch = Partial<{
  media: boolean;
  sensitive: SensitiveMode;
  /** null clears it (back to the platform's default). */
  language: string | null;
  threadLanguages: readonly string[];
}>;

/** The chat settings port: small, read on every answer and digest, written by admins only. */
export interface ChatSettingsStore {
  /** The chat's settings, the defaults for a chat that never changed any. */
  get(chat: ChatRef): Promise<ChatSettings>;
  /** Applies the patch and returns the settings as they now are. */
  update(chat: ChatRef, patch: ChatSettingsPatch): Promise<ChatSettings>;
}

/** Settings in memory: the console demo and tests. */
export function createMemoryChatSettings(): ChatSettingsStore {
  const rows = new Map<string, ChatSettings>();
  const key = (chat: ChatRef) => `${chat.platform}\u0000${chat.chatId}`;
  return {
    get: async (chat) => rows.get(key(chat)) ?? DEFAULT_CHAT_SETTINGS,
    async update(chat, patch) {
      const next = applyPatch(rows.get(key(chat)) ?? DEFAULT_CHAT_SETTINGS, patch);
      rows.set(key(chat), next);
      return next;
    },
  };
}

export function applyPatch(current: ChatSettings, patch: ChatSettingsPatch): ChatSettings {
  const language = patch.language === undefined ? current.language : (patch.language ?? undefined);
  return {
    media: patch.media ?? current.media,
    sensitive: patch.sensitive ?? current.sensitive,
    ...(language ? { language } : {}),
    threadLanguages: patch.threadLanguages ?? current.threadLanguages,
  };
}
