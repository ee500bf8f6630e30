/** The Discord front end: the bot (slash commands over the gateway) and the REST-only digest publisher. */
export { createDiscordBot, DiscordStartError, type DiscordBot, type DiscordBotOptions } from './bot.ts';
export { createDiscordPublisher, createDiscordRest, deliveryNonce, type DiscordPublisherOptions } from './publisher.ts';
export { renderDiscordDigest, forumPostName, type DiscordMessage } from './render-digest.ts';
export { slashCommandsFrom } from './commands.ts';
export { DISCORD_LIMITS } from './limits.ts';
