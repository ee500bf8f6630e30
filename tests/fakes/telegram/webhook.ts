import type { ApiAnswer } from './methods.ts';

/** Telegram's rule for secret_token. */
const SECRET = /^[A-Za-z0-9_-]{1,256}$/u;
/** The ports the cloud Bot API delivers webhooks to; a local Bot API server (`--local`) takes any. */
const CLOUD_PORTS = new Set(['443', '80', '88', '8443']);

export interface WebhookDelivery {
  readonly updateId: number;
  readonly status: number | 'error';
  readonly at: number;
}

/**
 * A webhook as the Bot API keeps one: `setWebhook` checks the URL and the secret as Telegram does, then
 * every update is POSTed to the URL as JSON with the `X-Telegram-Bot-Api-Secret-Token` header, one after
 * another in order; an answer other than 2xx (or no answer) is retried until it succeeds, as Telegram does.
 * `local` is the self-hosted server's mode (any scheme and port); the cloud accepts only HTTPS on 443, 80, 88, 8443.
 */
export function createWebhook(options: {
  readonly local: boolean;
  readonly take: () => Record<string, unknown> | undefined;
  readonly done: (updateId: number) => void;
  readonly delivered: () => void;
}) {
  let config: { url: string; secret?: string | undefined; allowed?: readonly string[] | undefined } | undefined;
  const deliveries: WebhookDelivery[] = [];
  let running: Promise<void> | undefined;
  let closed = false;

  async function deliverAll(): Promise<void> {
    for (let update = options.take(); update && config && !closed; update = options.take()) {
      const updateId = update['update_id'] as number;
      const kind = Object.keys(update).find((k) => k !== 'update_id') ?? '';
      if (config.allowed && config.allowed.length > 0 && !config.allowed.includes(kind)) {
        options.done(updateId);
        continue;
      }
      let status: number | 'error';
      try {
        const response = await fetch(config.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(config.secret ? { 'X-Telegram-Bot-Api-Secret-Token': config.secret } : {}) },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 'error';
      }
      deliveries.push({ updateId, status, at: Date.now() });
      options.delivered();
      if (typeof status === 'number' && status >= 200 && status < 300) options.done(updateId);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    deliveries,
    get url(): string | undefined {
      return config?.url;
    },
    /** Starts delivering what is pending (called after every new update and after setWebhook). */
    kick(): void {
      if (!config || running || closed) return;
      running = deliverAll().finally(() => {
        running = undefined;
      });
    },
    set(payload: Record<string, unknown>): ApiAnswer {
      const url = payload['url'];
      if (typeof url !== 'string') return { ok: false, error_code: 400, description: 'Bad Request: invalid parameters: url' };
      if (url === '') {
        config = undefined;
        return { ok: true, result: true };
      }
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { ok: false, error_code: 400, description: 'Bad Request: bad webhook: Failed to resolve host: Name or service not known' };
      }
      if (!options.local && parsed.protocol !== 'https:')
        return { ok: false, error_code: 400, description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook' };
      if (!options.local && !CLOUD_PORTS.has(parsed.port || '443')) {
        return { ok: false, error_code: 400, description: 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443' };
      }
      const secret = payload['secret_token'];
      if (secret !== undefined && (typeof secret !== 'string' || !SECRET.test(secret))) {
        return { ok: false, error_code: 400, description: 'Bad Request: bad webhook: secret token contains unallowed characters' };
      }
      const allowed = Array.isArray(payload['allowed_updates']) ? (payload['allowed_updates'] as string[]) : undefined;
      config = { url, secret: secret as string | undefined, allowed };
      return { ok: true, result: true, description: 'Webhook was set' } as ApiAnswer;
    },
    remove(): ApiAnswer {
      config = undefined;
      return { ok: true, result: true, description: 'Webhook was deleted' } as ApiAnswer;
    },
    info(pending: number): ApiAnswer {
      return { ok: true, result: { url: config?.url ?? '', has_custom_certificate: false, pending_update_count: pending } };
    },
    async close(): Promise<void> {
      closed = true;
      await running;
    },
  };
}
