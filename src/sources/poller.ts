import { normalizeHashtag, systemClock, type Clock, type Log, type PostSink } from '../core/index.ts';
import type { SourceConfig } from './config.ts';
import { createBlueskyPoller } from './bluesky-poller.ts';
import type { CursorPort } from './cursors.ts';
import { createHttpClient, type HttpClient, type HttpOptions } from './http.ts';
import { createMastodonPoller } from './mastodon-poller.ts';
import { createRound, type SourcePoller, type SourceRoundReport } from './round.ts';
import { createRssPoller } from './rss-poller.ts';
import { createXPoller } from './x-poller.ts';

export interface SourceCredentials {
  readonly x?: { readonly bearerToken?: string | undefined; readonly apiUrl: string };
  readonly bluesky?: { readonly identifier?: string | undefined; readonly appPassword?: string | undefined; readonly service: string };
}

export interface PollerOptions {
  readonly sources: readonly SourceConfig[];
  readonly credentials: SourceCredentials;
  readonly cursors: CursorPort;
  readonly sink: PostSink;
  readonly log: Log;
  /** Subscribed hashtags, asked for at every round: followed on every source besides its own list. */
  readonly followedHashtags: () => Promise<readonly string[]>;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  /** Timeouts, retries and waits (tests make them tiny). */
  readonly http?: Omit<HttpOptions, 'fetch' | 'clock' | 'log'>;
  /** Consecutive failed rounds after which a source is reported as failing (logged as an error). */
  readonly failingAfterRounds?: number;
  /** Called after every round of every source (`spool poll` prints it). */
  readonly onRound?: (report: SourcePollReport) => void;
}

export interface SourcePollReport extends SourceRoundReport {
  /** Something failed and nothing came through this round. */
  readonly failed: boolean;
  /** Set when the source has failed this many rounds in a row: since when (ISO). */
  readonly failingSince?: string;
}

export interface PollReport {
  readonly sources: readonly SourcePollReport[];
}

export interface Poller {
  /** Every source once, side by side; one source failing never stops the others. */
  pollOnce(): Promise<PollReport>;
  /** Each source now and then on its own `every`, until stop(). */
  start(): void;
  /** Stops the timers, cuts the requests and waits under way short, and waits for their rounds to end. Final. */
  stop(): Promise<void>;
}

/** Credentials from the environment the contract documents (X_BEARER_TOKEN, BLUESKY_*). */
export function credentialsFromEnv(env: {
  X_BEARER_TOKEN?: string | undefined;
  X_API_URL: string;
  BLUESKY_IDENTIFIER?: string | undefined;
  BLUESKY_APP_PASSWORD?: string | undefined;
  BLUESKY_SERVICE: string;
}): SourceCredentials {
  return {
    x: { bearerToken: env.X_BEARER_TOKEN, apiUrl: env.X_API_URL },
    bluesky: { identifier: env.BLUESKY_IDENTIFIER, appPassword: env.BLUESKY_APP_PASSWORD, service: env.BLUESKY_SERVICE },
  };
}

function createSourcePoller(config: SourceConfig, credentials: SourceCredentials): SourcePoller {
  switch (config.type) {
    case 'mastodon':
      return createMastodonPoller({ instance: config.instance, every: config.every });
    case 'x':
      return createXPoller({ every: config.every, apiUrl: credentials.x?.apiUrl ?? 'https://api.x.com', bearerToken: credentials.x?.bearerToken });
    case 'bluesky':
      return createBlueskyPoller({
        every: config.every,
        service: credentials.bluesky?.service ?? 'https://bsky.social',
        identifier: credentials.bluesky?.identifier,
        appPassword: credentials.bluesky?.appPassword,
      });
    case 'rss':
      return createRssPoller({ url: config.url, every: config.every, hashtags: config.hashtags });
  }
}

interface SourceState {
  readonly config: SourceConfig;
  readonly poller: SourcePoller;
  readonly http: HttpClient;
  failedRounds: number;
  failingSince?: Date | undefined;
  running?: Promise<SourcePollReport> | undefined;
  timer?: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Polls the configured sources into the sink. Each source has its own HTTP client (its own
 * request count and rate-limit waits), its own hashtags (its list plus the followed ones) and its
 * own schedule; a round never throws, it reports.
 */
export function createPoller(options: PollerOptions): Poller {
  const clock = options.clock ?? systemClock;
  const failingAfter = options.failingAfterRounds ?? 3;
  // stop() cuts requests and rate-limit waits short instead of waiting them out.
  const abort = new AbortController();
  const states: SourceState[] = options.sources.map((config) => {
    const poller = createSourcePoller(config, options.credentials);
    return {
      config,
      poller,
      http: createHttpClient(poller.label, { ...options.http, fetch: options.fetch, clock, log: options.log, signal: abort.signal }),
      failedRounds: 0,
    };
  });
  let stopped = true;

  async function round(state: SourceState): Promise<SourcePollReport> {
    const { poller, config } = state;
    const tally = createRound(poller.label, { http: state.http, cursors: options.cursors, log: options.log, sink: options.sink, clock });
    try {
      const hashtags = [...new Set([...config.hashtags, ...(await options.followedHashtags())].map(normalizeHashtag).filter((t) => t.length > 0))];
      await poller.poll(hashtags, tally);
    } catch (error) {
      tally.fail('round', error);
    }
    const report = tally.report();
    const failed = tally.failed();
    if (failed) {
      state.failedRounds++;
      state.failingSince ??= clock.now();
    } else {
      state.failedRounds = 0;
      state.failingSince = undefined;
    }
    const failing = state.failedRounds >= failingAfter && state.failingSince;
    const logged = {
      source: report.source,
      requests: report.requests,
      posts: report.posts,
      newThreads: report.newThreads,
      grownThreads: report.grownThreads,
      errors: report.errors.length,
    };
    if (failing) options.log.error({ ...logged, failingSince: state.failingSince?.toISOString(), rounds: state.failedRounds }, 'source failing for long');
    else options.log.info(logged, 'source polled');
    const result: SourcePollReport =
      failing && state.failingSince ? { ...report, failed, failingSince: state.failingSince.toISOString() } : { ...report, failed };
    options.onRound?.(result);
    return result;
  }

  function runRound(state: SourceState): Promise<SourcePollReport> {
    // One round per source at a time: a slow round is never overtaken by the next tick.
    state.running ??= round(state).finally(() => {
      state.running = undefined;
    });
    return state.running;
  }

  function schedule(state: SourceState): void {
    if (stopped) return;
    state.timer = setTimeout(() => {
      void runRound(state).finally(() => schedule(state));
    }, state.poller.every);
    // Not unref'd: a running poller is what keeps `spool poll` alive; stop() clears the timers.
  }

  return {
    async pollOnce() {
      return { sources: await Promise.all(states.map(runRound)) };
    },
    start() {
      if (!stopped) return;
      stopped = false;
      for (const state of states) void runRound(state).finally(() => schedule(state));
    },
    async stop() {
      stopped = true;
      abort.abort();
      for (const state of states) clearTimeout(state.timer);
      await Promise.all(states.map(async (s) => s.running?.catch(() => undefined)));
    },
  };
}
