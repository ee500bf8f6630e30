import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiRole, botMember, overwritesOf, rolesOf } from './permissions.ts';
import { snowflake, type FakeState } from './state.ts';

/** The shard Discord sends a guild's events to: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** One dispatch as the fake sent it, and to which session's shard. */
export interface Dispatched {
  readonly t: string;
  readonly shard: readonly [number, number];
  readonly guildId?: string | undefined;
}

/**
 * The gateway as discord.js needs it (PLATFORM_FACTS.md): HELLO (op 10) on connect, READY and one
 * GUILD_CREATE per guild after IDENTIFY (op 2), heartbeat ACK (op 11) for op 1, increasing `s`,
 * and dispatches on demand. Plain JSON only: the client runs without zlib-sync.
 * Sharding as Discord does it: IDENTIFY's `shard: [id, count]` (default [0, 1]) decides which guilds a
 * session hears of — READY, GUILD_CREATE and every dispatch of a guild go to the session whose shard is
 * `(guild_id >> 22) % count` only; a shard id outside the count closes with 4010 (Invalid shard).
 */
export function createFakeGateway(server: Server, state: FakeState, options: { token: string; heartbeatMs?: number }) {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  const dispatched: Dispatched[] = [];
  const identified: (() => void)[] = [];
  const opcodes: number[] = [];
  const opListeners = new Set<() => void>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== '/gateway' || url.searchParams.get('encoding') === 'etf') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const session: Session = { ws, seq: 0, identified: false, shard: [0, 1] };
    sessions.add(session);
    ws.on('close', () => sessions.delete(session));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: options.heartbeatMs ?? 41_250 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | null };
      opcodes.push(payload.op);
      for (const listener of opListeners) listener();
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (payload.op === 2) {
        if (payload.d?.['token'] !== options.token && payload.d?.['token'] !== `Bot ${options.token}`) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        const shard = payload.d?.['shard'];
        if (shard !== undefined) {
          const [id, count] = Array.isArray(shard) ? (shard as unknown[]) : [];
          if (!Number.isInteger(id) || !Number.isInteger(count) || (count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number)) {
            ws.close(4010, 'Invalid shard.');
            return;
          }
          session.shard = [id as number, count as number];
        }
        session.identified = true;
        const guilds = [...state.guilds.values()].filter((g) => hears(session, g.id));
        send(session, 'READY', {
          v: 10,
          user: state.botUser,
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: snowflake(),
          resume_gateway_url: `ws://${(server.address() as { port: number }).port ? `127.0.0.1:${(server.address() as { port: number }).port}` : ''}/gateway`,
          shard: session.shard,
          application: { id: state.appId, flags: 0 },
        });
        for (const g of guilds) {
          dispatched.push({ t: 'GUILD_CREATE', shard: session.shard, guildId: g.id });
          send(session, 'GUILD_CREATE', guildCreate(state, g.id));
        }
        for (const done of identified.splice(0)) done();
      }
    });
  });

  function hears(session: Session, guildId: string | undefined): boolean {
    return guildId === undefined || shardOf(guildId, session.shard[1]) === session.shard[0];
  }

  function send(session: { ws: WebSocket; seq: number }, t: string, d: unknown): void {
    session.seq++;
    session.ws.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  }

  return {
    /** Gateway ops the client sent, in order (2 IDENTIFY, 1 heartbeat …). */
    opcodes,
    /** Every dispatch sent, with the shard of the session it went to. */
    dispatched,
    /** The [id, count] of each identified session. */
    shards(): (readonly [number, number])[] {
      return [...sessions].filter((s) => s.identified).map((s) => s.shard);
    },
    /** Sends a dispatch to every identified session that hears of its guild (all of them for an event of no guild). */
    dispatch(t: string, d: unknown): void {
      const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
      const guild = typeof guildId === 'string' ? guildId : undefined;
      for (const s of sessions) {
        if (!s.identified || !hears(s, guild)) continue;
        dispatched.push({ t, shard: s.shard, guildId: guild });
        send(s, t, d);
      }
    },
    /** Resolves once the client has sent `op` at least `count` times (e.g. three heartbeats). */
    waitForOp(op: number, count: number): Promise<void> {
      const enough = (): boolean => opcodes.filter((o) => o === op).length >= count;
      if (enough()) return Promise.resolve();
      return new Promise((resolve) => {
        const listener = (): void => {
          if (!enough()) return;
          opListeners.delete(listener);
          resolve();
        };
        opListeners.add(listener);
      });
    },
    whenIdentified(): Promise<void> {
      if ([...sessions].some((s) => s.identified)) return Promise.resolve();
      return new Promise((resolve) => identified.push(resolve));
    },
    close(): void {
      for (const s of sessions) s.ws.terminate();
      wss.close();
    },
  };
}

interface Session {
  ws: WebSocket;
  seq: number;
  identified: boolean;
  shard: [number, number];
}

function guildCreate(state: FakeState, guildId: string): Record<string, unknown> {
  const guild = state.guilds.get(guildId);
  const channels = [...state.channels.values()]
    .filter((c) => c.guild_id === guildId && c.type !== 11 && c.type !== 12)
    .map((c, position) => ({
      id: c.id,
      type: c.type,
      name: c.name,
      guild_id: guildId,
      position,
      permission_overwrites: overwritesOf(state, c),
      parent_id: null,
      available_tags: [],
      flags: 0,
      nsfw: c.nsfw ?? false,
    }));
  return {
    id: guildId,
    name: guild?.name ?? 'guild',
    icon: null,
    owner_id: guild?.owner_id ?? '1',
    features: [],
    roles: rolesOf(state, guildId).map(apiRole),
    emojis: [],
    stickers: [],
    channels,
    threads: [],
    members: [botMember(state, guildId)],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    afk_timeout: 300,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    system_channel_flags: 0,
  };
}
