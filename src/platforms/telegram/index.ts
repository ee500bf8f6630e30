/** The Telegram front end: the bot (long polling), the digest publisher, and the pure renderers. */
export { createTelegramPublisher, createTelegramPublisherOnApi, type TelegramPublisherOptions } from './publisher.ts';
export { renderTelegramDigest, renderTelegramDigestMessages } from './digest-render.ts';
export { TELEGRAM_SEND_LIMITS, type SendLimits } from './throttle.ts';
export { DEFAULT_API_ROOT } from './api.ts';
export { createTelegramBot, TelegramStartupError, type TelegramBot, type TelegramBotOptions } from './bot.ts';
export { renderReplyHtml } from './render.ts';
