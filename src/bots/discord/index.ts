/** The Discord front end: the bot (slash commands over the gateway) and the REST-only digest publisher. */
export { createDiscordPublisher, createDiscordRest, deliveryNonce, type DiscordPublisherOptions } from './publisher.ts';
export { renderDiscordDigest, forumPostName, type DiscordMessage } from './render-digest.ts';
export { DISCORD_LIMITS } from './limits.ts';
