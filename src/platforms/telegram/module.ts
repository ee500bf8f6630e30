import type { PlatformModule } from '../platform.ts';
import { createTelegramBot } from './bot.ts';
import { renderTelegramDigest } from './digest-render.ts';
import type { TelegramSettings } from './platform.ts';
import { createTelegramPublisher } from './publisher.ts';

/** Telegram through grammY: loaded only when TELEGRAM_BOT_TOKEN is set. */
export const telegramModule: PlatformModule<TelegramSettings> = {
  createPublisher: (settings, log) => createTelegramPublisher({ token: settings.token, apiRoot: settings.apiRoot, log }),
  async startBot(settings, deps) {
    const bot = createTelegramBot({ token: settings.token, apiRoot: settings.apiRoot, webhook: settings.webhook, ...deps });
    await bot.start();
    deps.log.info({ platform: 'telegram', username: bot.username }, 'telegram bot started');
    return { publisher: bot.publisher, stop: () => bot.stop() };
  },
  previewDigest: (digest) => renderTelegramDigest(digest).join('\n\n———\n\n'),
};
