import type { PlatformModule } from '../platform.ts';
import { createDiscordBot } from './bot.ts';
import type { DiscordSettings } from './platform.ts';
import { createDiscordPublisher } from './publisher.ts';
import { renderDiscordDigest } from './render-digest.ts';

/** Discord through discord.js: loaded only when DISCORD_TOKEN is set. */
export const discordModule: PlatformModule<DiscordSettings> = {
  createPublisher: (settings, log) => createDiscordPublisher({ token: settings.token, apiUrl: settings.apiUrl, log }),
  async startBot(settings, deps) {
    const bot = createDiscordBot({ token: settings.token, apiUrl: settings.apiUrl, guildId: settings.guildId, shards: settings.shards, ...deps });
    await bot.start();
    return { publisher: bot.publisher, stop: () => bot.stop() };
  },
  previewDigest: (digest) => JSON.stringify(renderDiscordDigest(digest), null, 2),
};
