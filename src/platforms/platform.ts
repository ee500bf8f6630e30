import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ChatRouter, Clock, DeliveryPacing, Digest, DigestPublisher, LinkOptions, Log, TagStore } from '../core/index.ts';

/** What a platform's bot is handed by the app. */
export interface BotDeps {
  readonly router: ChatRouter;
  /** Hashtag autocomplete and button codes read stored tags. */
  readonly tags: TagStore;
  readonly log: Log;
  readonly clock: Clock;
  readonly links: LinkOptions;
  /** The platform cannot go on (another process took the session, a revoked token): the service ends non-zero. */
  readonly onFatal: (sentence: string, error: unknown) => void;
  /** Makes a bot's HTTP endpoint reachable (on the web reader's server) before the bot tells its platform about it. */
  readonly mount: (endpoint: BotEndpoint) => void;
}

/** An HTTP endpoint a bot receives on (a webhook): the app mounts it on the web reader's server. */
export interface BotEndpoint {
  /** The exact request path, e.g. `/bot/updates`. */
  readonly path: string;
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A running bot: its own publisher (sharing its rate limits) and a graceful stop. */
export interface RunningBot {
  readonly publisher: DigestPublisher;
  stop(): Promise<void>;
}

/**
 * The part of a platform that pulls in its library: loaded only when the platform
 * is configured, so that a process serving one platform never pays for another.
 */
export interface PlatformModule<Settings> {
  /** Delivery only, no session: `spool send-digests` beside a running service. */
  createPublisher(settings: Settings, log: Log): DigestPublisher;
  /** Commands in and digests out; a delivery-only platform (incoming webhooks) has none. */
  startBot?(settings: Settings, deps: BotDeps): Promise<RunningBot>;
  /** What `spool digest --platform <id>` prints: the messages a chat there would receive. */
  previewDigest(digest: Digest): string;
}

/**
 * A chat platform, as the registry lists it. Everything here is light (no platform library): the app
 * reads the environment through `env`, checks an operator's `--chat` with `chatId`, paces deliveries
 * with `pacing`, and calls `load()` only when `settings(env)` says the platform is configured.
 */
export interface Platform<Settings = unknown> {
  /** The id stored with subscriptions and used on the command line (`--platform <id>`). */
  readonly id: string;
  /** Whether it runs a bot (takes commands); a delivery-only platform does not make `spool` a service. */
  readonly bot: boolean;
  /** The environment variables it reads, merged into the app's environment schema. */
  readonly env: z.ZodRawShape;
  /** Which of them hold secrets: their values are masked in every log line and error printed. */
  readonly secrets: readonly string[];
  /**
   * Shapes its secrets take wherever they appear, whoever's they are (a token inside the platform's
   * API URLs): masked in every log line and error printed, with `replacement`.
   */
  readonly secretShapes?: readonly { readonly pattern: RegExp; readonly replacement: string }[];
  /** A mistake across its variables (one needs another) as one sentence, or undefined: start-up stops with it. */
  checkEnv?(env: Readonly<Record<string, unknown>>): string | undefined;
  /** Its settings from the validated environment, or undefined when it is not configured. */
  settings(env: Readonly<Record<string, unknown>>): Settings | undefined;
  /**
   * How an operator names a chat here (`--chat`), an example for the error sentence, and (when the id
   * is a secret, like a webhook URL) how to show it in lists and logs.
   */
  readonly chatId: { readonly pattern: RegExp; readonly example: string; readonly show?: (chatId: string) => string };
  readonly pacing: DeliveryPacing;
  /**
   * True when only one process at a time may receive this platform's updates with these settings
   * (long polling, where a second poller ends the first). With several replicas on one
   * database, only the replica that leads the role `<id> updates` starts the bot; the others deliver.
   */
  singleReceiver?(settings: Settings): boolean;
  load(): Promise<PlatformModule<Settings>>;
}

/** Keeps each platform's settings type inside its own descriptor, so the registry can list them together. */
export function definePlatform<Settings>(platform: Platform<Settings>): Platform {
  return platform as unknown as Platform;
}
