/**
 * Discord's message limits (discord-api-docs, PLATFORM_FACTS.md). Every payload Spool builds is
 * fitted to these before it is sent, because Discord rejects the whole message on any excess.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Across every embed of one message: title, description, field names and values, footer, author. */
  embedsTotal: 6000,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** A forum post's (thread's) name. */
  threadName: 100,
  /** `nonce` as a string. */
  nonce: 25,
  /** A slash command's (and option's) description. */
  commandDescription: 100,
} as const;

/** Message flag: only the person who ran the command sees the answer. */
export const EPHEMERAL = 64;

/** Channel types a digest can go to: text, announcement, forum (and media, which behaves like a forum). */
export const CHANNEL_TYPE = { text: 0, announcement: 5, forum: 15, media: 16 } as const;
