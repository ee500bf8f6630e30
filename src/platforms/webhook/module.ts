import type { PlatformModule } from '../platform.ts';
import type { WebhookSettings } from './platform.ts';
import { createWebhookPublisher } from './publisher.ts';
import { renderWebhookDigest } from './render.ts';

/** Incoming webhooks: delivery only (no bot, no library beyond fetch). */
export const webhookModule: PlatformModule<WebhookSettings> = {
  createPublisher: (_settings, log) => createWebhookPublisher({ log }),
  previewDigest: (digest) => JSON.stringify(renderWebhookDigest(digest), null, 2),
};
