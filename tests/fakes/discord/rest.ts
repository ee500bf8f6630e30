import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRateLimits, type ForcedFailure } from './rate-limits.ts';
import { apiRole, botMember, overwritesOf, rolesOf } from './permissions.ts';
import { snowflake, toApiMessage, type FakeMessage, type FakeState } from './state.ts';
import { validateChoices, validateCommands, validateMessage, type DiscordError } from './validate.ts';

/** One request as the fake saw it. `auth` says whether an Authorization header came (never its value). */
export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly auth: boolean;
  status: number;
  readonly at: number;
}

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
type Handler = (match: string[], body: Json, req: IncomingMessage) => Answer;

function wellFormedDeep(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (Array.isArray(value)) return value.every(wellFormedDeep);
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => k.isWellFormed() && wellFormedDeep(v));
  return true;
}

const error = (status: number, code: number, message: string): Answer => ({ status, body: { code, message } });
const fromDiscordError = (e: DiscordError): Answer => ({ status: e.status, body: e.body });
const NONCE_WINDOW_MS = 5 * 60_000;

export interface RestOptions {
  readonly token: string;
  readonly gatewayUrl: () => string;
  /** Switch on to enforce buckets and the 50/s global limit with 429s. */
  readonly limits?: boolean;
  readonly bucketLimit?: number;
  /** Discord's is 50; a test may lower it so that exceeding it does not depend on the machine's speed. */
  readonly globalPerSecond?: number;
  /** An interaction answered later than this is "Unknown interaction" (10062), as on Discord. */
  readonly interactionDeadlineMs?: number;
  /** session_start_limit.max_concurrency: shards that may IDENTIFY at once (1 for most bots; large bots get 16 or more). */
  readonly maxConcurrency?: number;
}

export function createFakeRest(state: FakeState, options: RestOptions) {
  const captured: CapturedRequest[] = [];
  const forced: ForcedFailure[] = [];
  const limits = createRateLimits({
    enforce: options.limits ?? false,
    bucketLimit: options.bucketLimit ?? 50,
    bucketWindowMs: 1000,
    globalPerSecond: options.globalPerSecond ?? 50,
  });
  const listeners = new Set<(r: CapturedRequest) => void>();
  const deadline = options.interactionDeadlineMs ?? 3000;

  function channelOr(id: string | undefined): Answer | undefined {
    const channel = id ? state.channels.get(id) : undefined;
    if (!channel) return error(404, 10003, 'Unknown Channel');
    if (channel.access === 'missing-access') return error(403, 50001, 'Missing Access');
    if (channel.access === 'missing-permissions') return error(403, 50013, 'Missing Permissions');
    return undefined;
  }

  /** Reading a channel needs View Channel only: a channel the bot may see but not post in is served, with its overwrites. */
  function getChannel(id: string): Answer {
    const channel = state.channels.get(id);
    if (!channel) return error(404, 10003, 'Unknown Channel');
    if (channel.access === 'missing-access') return error(403, 50001, 'Missing Access');
    return { status: 200, body: { ...channel, access: undefined, overwrites: undefined, permission_overwrites: overwritesOf(state, channel) } };
  }

  function storeMessage(channelId: string, body: Json, flags = 0): FakeMessage {
    const message: FakeMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: typeof body['content'] === 'string' ? body['content'] : '',
      embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
      components: Array.isArray(body['components']) ? body['components'] : [],
      allowed_mentions: body['allowed_mentions'],
      flags: typeof body['flags'] === 'number' ? body['flags'] : flags,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
    if (typeof body['nonce'] === 'string') message.nonce = body['nonce'];
    const list = state.messages.get(channelId) ?? [];
    list.push(message);
    state.messages.set(channelId, list);
    return message;
  }

  const api = (m: FakeMessage): Json => toApiMessage(m, state.botUser);

  function editMessage(message: FakeMessage, body: Json): void {
    if ('content' in body) message.content = typeof body['content'] === 'string' ? body['content'] : '';
    if ('embeds' in body) message.embeds = Array.isArray(body['embeds']) ? body['embeds'] : [];
    if ('components' in body) message.components = Array.isArray(body['components']) ? body['components'] : [];
    if ('allowed_mentions' in body) message.allowed_mentions = body['allowed_mentions'];
    message.edited_timestamp = new Date().toISOString();
  }

  function interactionByToken(app: string | undefined, token: string | undefined) {
    if (app !== state.appId) return undefined;
    return [...state.interactions.values()].find((i) => i.token === token);
  }

  const routes: [string, RegExp, Handler, { auth: boolean }][] = [
    [
      'GET',
      /^\/gateway\/bot$/u,
      () => ({
        status: 200,
        body: {
          url: options.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: options.maxConcurrency ?? 1 },
        },
      }),
      { auth: true },
    ],
    ['GET', /^\/users\/@me$/u, () => ({ status: 200, body: state.botUser }), { auth: true }],
    [
      'GET',
      /^\/applications\/@me$/u,
      () => ({
        status: 200,
        body: {
          id: state.appId,
          name: 'Spool',
          description: '',
          bot_public: true,
          bot_require_code_grant: false,
          flags: 0,
          verify_key: '0',
          team: null,
          owner: state.botUser,
        },
      }),
      { auth: true },
    ],
    ['PUT', /^\/applications\/(\d+)\/commands$/u, ([, app], body) => registerCommands(app, 'global', body), { auth: true }],
    ['PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/u, ([, app, guild], body) => registerCommands(app, guild ?? '', body), { auth: true }],
    ['GET', /^\/channels\/(\d+)$/u, ([, id]) => getChannel(id ?? ''), { auth: true }],
    [
      'GET',
      /^\/guilds\/(\d+)\/members\/(\d+)$/u,
      ([, guild, user]) =>
        state.guilds.has(guild ?? '') && user === state.botUser.id ? { status: 200, body: botMember(state, guild ?? '') } : error(404, 10007, 'Unknown Member'),
      { auth: true },
    ],
    [
      'GET',
      /^\/guilds\/(\d+)\/roles$/u,
      ([, guild]) => (state.guilds.has(guild ?? '') ? { status: 200, body: rolesOf(state, guild ?? '').map(apiRole) } : error(404, 10004, 'Unknown Guild')),
      { auth: true },
    ],
    ['POST', /^\/channels\/(\d+)\/messages$/u, ([, id], body) => createMessage(id ?? '', body), { auth: true }],
    ['POST', /^\/channels\/(\d+)\/threads$/u, ([, id], body) => createForumPost(id ?? '', body), { auth: true }],
    [
      'GET',
      /^\/guilds\/(\d+)\/threads\/active$/u,
      ([, guild]) => ({
        status: 200,
        body: {
          threads: [...state.channels.values()]
            .filter((c) => c.guild_id === guild && (c.type === 11 || c.type === 12))
            .map((c) => ({ ...c, access: undefined })),
          members: [],
        },
      }),
      { auth: true },
    ],
    ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/u, ([, id, token], body) => interactionCallback(id ?? '', token ?? '', body), { auth: false }],
    ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/u, ([, app, token], body) => editOriginal(app, token, body), { auth: false }],
    [
      'GET',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/u,
      ([, app, token]) => {
        const original = interactionByToken(app, token)?.original;
        return original ? { status: 200, body: api(original) } : error(404, 10008, 'Unknown Message');
      },
      { auth: false },
    ],
    [
      'DELETE',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/u,
      ([, app, token]) => {
        const interaction = interactionByToken(app, token);
        if (!interaction?.original) return error(404, 10008, 'Unknown Message');
        delete interaction.original;
        return { status: 204 };
      },
      { auth: false },
    ],
    [
      'POST',
      /^\/webhooks\/(\d+)\/([^/]+)$/u,
      ([, app, token], body) => {
        const interaction = interactionByToken(app, token);
        if (!interaction || interaction.callbacks.length === 0) return error(404, 10015, 'Unknown Webhook');
        const invalid = validateMessage(body, { create: true });
        if (invalid) return fromDiscordError(invalid);
        const message = storeMessage(`followup:${interaction.id}`, body);
        interaction.followups.push(message);
        return { status: 200, body: api(message) };
      },
      { auth: false },
    ],
  ];

  function registerCommands(app: string | undefined, scope: string, body: unknown): Answer {
    if (app !== state.appId) return error(403, 50001, 'Missing Access');
    if (scope !== 'global' && !state.guilds.has(scope)) return error(404, 10004, 'Unknown Guild');
    const invalid = validateCommands(body);
    if (invalid) return fromDiscordError(invalid);
    const commands = (body as Json[]).map((c) => ({ ...c, id: snowflake(), application_id: state.appId, version: snowflake(), type: c['type'] ?? 1 }));
    state.commands.set(scope, commands);
    return { status: 200, body: commands };
  }

  function createMessage(channelId: string, body: Json): Answer {
    const denied = channelOr(channelId);
    if (denied) return denied;
    if (state.channels.get(channelId)?.type === 15) return error(400, 50008, 'Cannot send messages in a non-text channel');
    const invalid = validateMessage(body, { create: true });
    if (invalid) return fromDiscordError(invalid);
    const nonce = typeof body['nonce'] === 'string' ? body['nonce'] : undefined;
    if (nonce && body['enforce_nonce'] === true) {
      const first = state.nonces.get(nonce);
      if (first && Date.parse(first.timestamp) > Date.now() - NONCE_WINDOW_MS) return { status: 200, body: api(first) };
    }
    const message = storeMessage(channelId, body);
    if (nonce && body['enforce_nonce'] === true) state.nonces.set(nonce, message);
    return { status: 200, body: api(message) };
  }

  function createForumPost(channelId: string, body: Json): Answer {
    const denied = channelOr(channelId);
    if (denied) return denied;
    const forum = state.channels.get(channelId);
    if (forum?.type !== 15 && forum?.type !== 16) return error(400, 50024, 'Cannot execute action on this channel type');
    const message = (body['message'] ?? {}) as Json;
    const name = typeof body['name'] === 'string' ? body['name'] : '';
    if ([...name].length < 1 || [...name].length > 100)
      return {
        status: 400,
        body: {
          code: 50035,
          message: 'Invalid Form Body',
          errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } },
        },
      };
    const invalid = validateMessage(message, { create: true, base: ['message'] });
    if (invalid) return fromDiscordError(invalid);
    const thread = { id: snowflake(), type: 11, name, guild_id: forum.guild_id, parent_id: channelId, owner_id: state.botUser.id, access: 'ok' as const };
    state.channels.set(thread.id, thread);
    const first = storeMessage(thread.id, message);
    first.id = thread.id; // a forum post's first message shares the thread's id
    return { status: 201, body: { ...thread, access: undefined, message: api(first) } };
  }

  function interactionCallback(id: string, token: string, body: Json): Answer {
    const interaction = state.interactions.get(id);
    if (!interaction || interaction.token !== token) return error(404, 10062, 'Unknown interaction');
    if (interaction.callbacks.length > 0) return error(400, 40060, 'Interaction has already been acknowledged.');
    if (Date.now() - interaction.dispatchedAt > deadline) return error(404, 10062, 'Unknown interaction');
    const type = Number(body['type']);
    const data = (body['data'] ?? undefined) as Json | undefined;
    const allowed = interaction.type === 4 ? [8] : interaction.type === 3 ? [4, 5, 6, 7] : [4, 5];
    if (!allowed.includes(type)) return error(400, 40043, 'Interaction callback type is not valid for this interaction');
    if (type === 8) {
      const invalid = validateChoices(data?.['choices']);
      if (invalid) return fromDiscordError(invalid);
    }
    if (type === 4 || type === 7) {
      const invalid = validateMessage(data ?? {}, { create: type === 4, base: ['data'] });
      if (invalid) return fromDiscordError(invalid);
    }
    interaction.callbacks.push({ type, data, at: Date.now() });
    if (type === 4 || type === 5)
      interaction.original = storeMessage(`interaction:${id}`, type === 4 ? (data ?? {}) : { content: '' }, Number(data?.['flags'] ?? 0));
    if (type === 7 && interaction.message) editMessage(interaction.message, data ?? {});
    if (type === 6 || type === 7) interaction.original = interaction.message;
    return { status: 204 };
  }

  function editOriginal(app: string | undefined, token: string | undefined, body: Json): Answer {
    const interaction = interactionByToken(app, token);
    if (!interaction?.original) return error(404, 10008, 'Unknown Message');
    const invalid = validateMessage(body, { create: false });
    if (invalid) return fromDiscordError(invalid);
    editMessage(interaction.original, body);
    return { status: 200, body: api(interaction.original) };
  }

  function bucketOf(method: string, path: string): string {
    const major = /^\/(?:channels|guilds)\/(\d+)/u.exec(path)?.[1] ?? /^\/(?:webhooks\/\d+|interactions)\/([^/]+)/u.exec(path)?.[1] ?? '';
    const template = path.replace(/\d{16,}/gu, ':id').replace(/\/(interactions\/:id|webhooks\/:id)\/[^/]+/u, '/$1/:token');
    return `${method} ${template} ${major}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/u, '');
    const method = req.method ?? 'GET';
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (data += chunk));
      req.on('end', () => resolve(data));
    });
    let body: Json = {};
    try {
      body = raw ? (JSON.parse(raw) as Json) : {};
    } catch {
      return send(
        res,
        { method, path, body: raw, auth: false, status: 0, at: Date.now() },
        { status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } },
      );
    }
    const record: CapturedRequest = { method, path, body: raw ? body : undefined, auth: Boolean(req.headers.authorization), status: 0, at: Date.now() };
    // JSON can spell a lone surrogate ("\ud800"); Discord refuses the whole body, as it does any invalid UTF-8.
    if (!wellFormedDeep(body)) return send(res, record, { status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } });
    const route = routes.find(([m, pattern]) => m === method && pattern.test(path));
    if (!route) return send(res, record, error(404, 0, '404: Not Found'));
    const [, pattern, handler, { auth }] = route;
    if (auth && req.headers.authorization !== `Bot ${options.token}`) return send(res, record, error(401, 0, '401: Unauthorized'));
    const bucket = bucketOf(method, path);
    const forcedIndex = forced.findIndex((f) => !f.route || f.route.test(`${method} ${path}`));
    if (forcedIndex >= 0) {
      const [failure] = forced.splice(forcedIndex, 1);
      if (failure?.status === 429) {
        const answer = limits.force(bucket, failure.retryAfter ?? 1, failure.global ?? false);
        return send(res, record, { status: 429, headers: answer.headers, body: answer.body });
      }
      if (failure) return send(res, record, { status: failure.status, body: { code: failure.code ?? 0, message: failure.message ?? `${failure.status}` } });
    }
    const taken = limits.take(bucket, path.startsWith('/interactions/'));
    if ('limited' in taken) return send(res, record, { status: 429, headers: taken.limited.headers, body: taken.limited.body });
    const answer = handler(pattern.exec(path) ?? [], body, req);
    send(res, record, { ...answer, headers: { ...taken.headers, ...answer.headers } });
  }

  function send(res: ServerResponse, record: CapturedRequest, answer: Answer): void {
    record.status = answer.status;
    captured.push(record);
    for (const listener of listeners) listener(record);
    res.writeHead(answer.status, { ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  return {
    captured,
    handle,
    /** The next matching request fails: `failNext({ status: 429, retryAfter: 0.2 })`, `{ status: 500 }`, … */
    failNext(failure: ForcedFailure): void {
      forced.push(failure);
    },
    get earlyRequests(): number {
      return limits.earlyRequests;
    },
    /** Resolves with the first request (already recorded, or coming) that matches. */
    waitFor(predicate: (r: CapturedRequest) => boolean): Promise<CapturedRequest> {
      const seen = captured.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const listener = (r: CapturedRequest): void => {
          if (!predicate(r)) return;
          listeners.delete(listener);
          resolve(r);
        };
        listeners.add(listener);
      });
    },
    onRequest(listener: (r: CapturedRequest) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
