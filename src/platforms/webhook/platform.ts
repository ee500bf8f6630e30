import { definePlatform } from '../platform.ts';
import { maskWebhookUrl } from './mask.ts';

/** Nothing to configure: an operator adds each webhook URL as a subscription's chat. */
export type WebhookSettings = Record<string, never>;

/**
 * Incoming webhooks (Slack- and Mattermost-compatible): delivery only, no commands. The chat is the
 * webhook URL, which is a secret (it carries the token): it is shown with its path masked. There is no
 * idempotency key, so deliveries go through a gate like any platform that could post twice after a crash.
 */
export const webhookPlatform = definePlatform<WebhookSettings>({
  id: 'webhook',
  bot: false,
  // The webhook URLs are secrets too, but they live in the database, not the environment: shown masked (`chatId.show`).
  secrets: [],
  env: {},
  settings: () => ({}),
  chatId: {
    pattern: /^https?:\/\/[^\s/?#]+(?::\d{1,5})?\/\S*$/u,
    example: 'the webhook URL, like https://hooks.slack.com/services/T000/B000/XXXX',
    show: maskWebhookUrl,
  },
  pacing: { concurrency: 10, gate: { minIntervalMs: 0, holdMs: 1000 } },
  load: () => import('./module.ts').then((m) => m.webhookModule),
});
