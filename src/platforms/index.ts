import { discordPlatform } from './discord/platform.ts';
import type { Platform } from './platform.ts';
import { telegramPlatform } from './telegram/platform.ts';
import { webhookPlatform } from './webhook/platform.ts';

export type { BotDeps, BotEndpoint, Platform, PlatformModule, RunningBot } from './platform.ts';

/**
 * Every chat platform Spool delivers to. Adding one is a folder beside these and one line here:
 * its environment variables, chat ids, pacing, bot and publisher come from its descriptor.
 * (The console chat is not listed: it is the terminal, with nothing to configure or deliver to.)
 */
export const PLATFORMS: readonly Platform[] = [telegramPlatform, discordPlatform, webhookPlatform];

export function findPlatform(id: string): Platform | undefined {
  return PLATFORMS.find((p) => p.id === id);
}
