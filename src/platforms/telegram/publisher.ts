import { GrammyError, type Api } from 'grammy';
import type { DeliveryOutcome, DigestDelivery, DigestPublisher, Log } from '../../core/index.ts';
import { createTelegramApi, type ApiOptions } from './api.ts';
import { renderTelegramDigestMessages } from './digest-render.ts';
import { previewOptions } from './html.ts';
import { telegramPlatform } from './platform.ts';

/** Remembered deliveries (key → parts already sent), so a retry in this process never posts a part twice. */
const MEMORY = 10_000;

/**
 * Delivers digests to Telegram chats and forum topics as HTML messages; a message's link preview
 * shows the first picture among its threads (the chat's settings permitting), else previews are off.
 * Calls may overlap: deliveries to one chat are serialized (a digest's parts stay together and in
 * order), different chats go out in parallel within the limiter's windows. Outcomes, never throws
 * for Telegram's answers: 403 → gone; supergroup upgrade → re-sent to the new id, `movedTo` set;
 * 429 beyond patience, 5xx after retries, network failure → failed (try again later).
 * Telegram has no idempotency key: parts already sent for a key are skipped on a retry in the same
 * process; across processes a partly sent digest may repeat its first parts.
 */
export function createTelegramPublisherOnApi(api: Api, log: Log): DigestPublisher {
  const chains = new Map<string, Promise<unknown>>();
  const sentParts = new Map<string, number>();

  function remember(key: string, parts: number): void {
    sentParts.delete(key);
    sentParts.set(key, parts);
    if (sentParts.size > MEMORY) sentParts.delete(sentParts.keys().next().value as string);
  }

  async function deliver(delivery: DigestDelivery): Promise<DeliveryOutcome> {
    const { target, digest, idempotencyKey } = delivery;
    if (digest.items.length === 0 && !delivery.sendWhenEmpty) return { status: 'sent', messages: 0 };
    const messages = renderTelegramDigestMessages(digest, new Date(digest.until), delivery.presentation);
    const topic = target.topicId === undefined ? undefined : Number(target.topicId);
    let chatId = target.chatId;
    let movedTo: string | undefined;
    let part = sentParts.get(idempotencyKey) ?? 0;
    let migrations = 0;
    while (part < messages.length) {
      try {
        const message = messages[part] ?? { html: '' };
        await api.sendMessage(chatId, message.html, {
          parse_mode: 'HTML',
          link_preview_options: previewOptions(message),
          ...(topic === undefined ? {} : { message_thread_id: topic }),
        });
        part += 1;
        remember(idempotencyKey, part);
      } catch (error) {
        const newId = error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
        if (newId !== undefined && migrations < 3) {
          migrations += 1;
          log.info({ chatId, movedTo: newId }, 'telegram: group became a supergroup, re-sending there');
          chatId = String(newId);
          movedTo = chatId;
          continue;
        }
        return failureOutcome(error, chatId, log);
      }
    }
    return movedTo === undefined ? { status: 'sent', messages: part } : { status: 'sent', messages: part, movedTo };
  }

  return {
    platform: telegramPlatform.id,
    pacing: telegramPlatform.pacing,
    publish(delivery) {
      const key = delivery.target.chatId;
      const previous = chains.get(key) ?? Promise.resolve();
      const run = previous.then(() => deliver(delivery));
      const settled = run.catch(() => undefined);
      chains.set(key, settled);
      void settled.then(() => {
        if (chains.get(key) === settled) chains.delete(key);
      });
      return run;
    },
  };
}

/** Telegram's answer (or the network's silence) as a delivery outcome. */
function failureOutcome(error: unknown, chatId: string, log: Log): DeliveryOutcome {
  if (error instanceof GrammyError) {
    const fields = { chatId, status: error.error_code, method: error.method, description: error.description };
    if (error.error_code === 403 || /chat not found|message thread not found|CHANNEL_PRIVATE/u.test(error.description)) {
      log.warn(fields, 'telegram: chat is gone for us; its subscriptions should pause');
      return { status: 'gone', reason: error.description };
    }
    if (error.error_code === 429) {
      const retryAfter = error.parameters.retry_after ?? 60;
      log.warn({ ...fields, retryAfter }, 'telegram: still rate limited, giving up for now');
      return { status: 'failed', reason: error.description, retryAfterMs: retryAfter * 1000 };
    }
    log.error(fields, 'telegram: digest not delivered');
    return { status: 'failed', reason: error.description };
  }
  log.error({ chatId, err: error instanceof Error ? error.message : String(error) }, 'telegram: digest not delivered (network)');
  return { status: 'failed', reason: 'network error talking to Telegram' };
}

export interface TelegramPublisherOptions extends ApiOptions {
  readonly token: string;
  /** `TELEGRAM_API_ROOT`; the public Bot API when unset. */
  readonly apiRoot?: string | undefined;
  readonly log: Log;
}

/**
 * The publisher without a running bot: no long polling, no getMe, just sendMessage. For
 * `spool send-digests` and any short-lived process; the bot's own `publisher` is the same code.
 */
export function createTelegramPublisher(options: TelegramPublisherOptions): DigestPublisher {
  return createTelegramPublisherOnApi(createTelegramApi(options), options.log);
}
