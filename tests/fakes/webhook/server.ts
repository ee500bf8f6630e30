import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver accepted, per hook. */
export interface ReceivedPost {
  readonly hook: string;
  readonly text: string;
  readonly blocks: readonly { type: string; text?: { type: string; text: string } }[];
  readonly at: number;
}

export interface FakeWebhooks {
  /** The URL of a new hook (a random-looking path, like Slack's `/services/T…/B…/…`). */
  addHook(): string;
  /** The hook answers 410 channel_is_archived from now on. */
  archive(url: string): void;
  /** The next request to any hook answers this status (429 with Retry-After: 1, or 5xx). */
  failNext(status: 429 | 500 | 502): void;
  readonly posts: ReceivedPost[];
  /** Every request, with the status it got. */
  readonly requests: { readonly path: string; readonly status: number }[];
  close(): Promise<void>;
}

/** Slack's limits for incoming webhooks (api.slack.com/messaging/webhooks, block kit limits). */
const LIMITS = { text: 40_000, blocks: 50, sectionText: 3_000 };
/** Slack answers 429 to more than one post per second per hook (short bursts aside). */
const MIN_INTERVAL_MS = 900;

/**
 * A fake Slack-compatible incoming-webhook receiver on 127.0.0.1: JSON bodies only, `text` or `blocks`
 * required, Slack's size limits, 404 `no_service` for an unknown hook, 410 `channel_is_archived`,
 * 429 with Retry-After when a hook is posted to faster than once a second, `ok` as text otherwise.
 */
export async function startFakeWebhooks(): Promise<FakeWebhooks> {
  const hooks = new Map<string, { archived: boolean; last: number }>();
  const posts: ReceivedPost[] = [];
  const requests: { path: string; status: number }[] = [];
  const failures: (429 | 500 | 502)[] = [];
  let next = 1;

  function answer(res: ServerResponse, path: string, status: number, body: string, headers: Record<string, string> = {}): void {
    requests.push({ path, status });
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const hook = hooks.get(path);
    if (req.method !== 'POST') return answer(res, path, 405, 'invalid_method');
    if (!hook) return answer(res, path, 404, 'no_service');
    if (hook.archived) return answer(res, path, 410, 'channel_is_archived');
    const failure = failures.shift();
    if (failure === 429) return answer(res, path, 429, 'rate_limited', { 'retry-after': '1' });
    if (failure) return answer(res, path, failure, 'internal_error');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return answer(res, path, 400, 'invalid_payload');
    let body: { text?: unknown; blocks?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return answer(res, path, 400, 'invalid_payload');
    }
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? (body.blocks as ReceivedPost['blocks']) : [];
    if (text === '' && blocks.length === 0) return answer(res, path, 400, 'no_text');
    if ([...text].length > LIMITS.text || blocks.length > LIMITS.blocks) return answer(res, path, 400, 'invalid_blocks');
    if (blocks.some((b) => b.type !== 'section' || [...(b.text?.text ?? '')].length > LIMITS.sectionText || (b.text?.text ?? '') === '')) {
      return answer(res, path, 400, 'invalid_blocks');
    }
    const now = Date.now();
    if (now - hook.last < MIN_INTERVAL_MS) return answer(res, path, 429, 'rate_limited', { 'retry-after': '1' });
    hook.last = now;
    posts.push({ hook: path, text, blocks, at: now });
    answer(res, path, 200, 'ok');
  }

  const server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    addHook() {
      const path = `/services/T0000${next}/B0000${next}/${'x'.repeat(8)}${next++}`;
      hooks.set(path, { archived: false, last: 0 });
      return `${base}${path}`;
    },
    archive(url) {
      const hook = hooks.get(new URL(url).pathname);
      if (hook) hook.archived = true;
    },
    failNext: (status) => void failures.push(status),
    posts,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
