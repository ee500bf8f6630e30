import type { DeliveryOutcome, DigestPublisher, Log } from '../../core/index.ts';
import { maskWebhookUrl } from './mask.ts';
import { webhookPlatform } from './platform.ts';
import { renderWebhookDigest, type WebhookMessage } from './render.ts';

export interface WebhookPublisherOptions {
  readonly log: Log;
  /** Tests pass their own; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** One post's deadline. */
  readonly timeoutMs?: number;
  /** Slack allows about one post per second per webhook. */
  readonly minIntervalMs?: number;
}

type Failed = Exclude<DeliveryOutcome, { status: 'sent' }>;

/** What a receiver's answer means for the subscription. */
function outcomeOf(status: number, body: string, retryAfter: string | null): Failed | undefined {
  if (status >= 200 && status < 300) return undefined;
  const reason = `webhook answered ${status} ${body.slice(0, 80).replace(/\s+/gu, ' ')}`.trim();
  // Removed, disabled or archived (Slack: 404 no_service / channel_not_found, 410 channel_is_archived, 403 action_prohibited).
  if (status === 404 || status === 410 || status === 403 || status === 401) return { status: 'gone', reason };
  const seconds = Number(retryAfter);
  if (status === 429) return { status: 'failed', reason, retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000 };
  return { status: 'failed', reason };
}

/**
 * Digests posted to incoming webhooks (Slack- and Mattermost-compatible JSON). Posts to one URL go
 * one after another, at most one a second; a 429 is retried by the scheduler after its Retry-After;
 * a webhook that was removed (404, 410, 403) pauses its subscriptions.
 */
export function createWebhookPublisher(options: WebhookPublisherOptions): DigestPublisher {
  const { log } = options;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const minIntervalMs = options.minIntervalMs ?? 1_000;
  const lastPost = new Map<string, number>();

  async function post(url: string, message: WebhookMessage): Promise<Failed | undefined> {
    const wait = (lastPost.get(url) ?? 0) + minIntervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastPost.set(url, Date.now());
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      return { status: 'failed', reason: `webhook not reached: ${error instanceof Error ? error.name : 'network error'}` };
    }
    const body = await response.text().catch(() => '');
    return outcomeOf(response.status, body, response.headers.get('retry-after'));
  }

  return {
    platform: webhookPlatform.id,
    pacing: webhookPlatform.pacing,
    async publish(delivery) {
      const { target, digest } = delivery;
      if (digest.items.length === 0 && !delivery.sendWhenEmpty) return { status: 'sent', messages: 0 };
      const where = maskWebhookUrl(target.chatId);
      let sent = 0;
      for (const message of renderWebhookDigest(digest, new Date(digest.until), delivery.presentation)) {
        const failed = await post(target.chatId, message);
        if (failed) {
          const level = failed.status === 'gone' ? 'warn' : 'error';
          log[level]({ platform: 'webhook', webhook: where, tag: digest.tag, reason: failed.reason, sent }, 'webhook digest not delivered');
          return failed;
        }
        sent++;
      }
      log.info({ platform: 'webhook', webhook: where, tag: digest.tag, messages: sent }, 'digest delivered');
      return { status: 'sent', messages: sent };
    },
  };
}
