import type { Log } from '../core/index.ts';

/** Something `spool start` runs and must stop: a bot, the pollers, the scheduler, the reader. */
export interface Part {
  readonly name: string;
  stop(): Promise<void> | void;
}

/**
 * A part failed for good (another process took the bot's session, a session that cannot be resumed, the lease
 * taken over): the service stops and the process exits 1 with this one sentence, so a supervisor sees it.
 */
export class ServiceFailedError extends Error {
  override readonly name = 'ServiceFailedError';
}

export interface Lifecycle {
  /** Registers a started part; parts stop in reverse order. */
  add(part: Part): void;
  /** Stops every part, then runs `onStopped` (closing the database). Idempotent. */
  shutdown(reason: string): Promise<void>;
  /** A part cannot go on: shut down, and `untilStopped` rejects with a ServiceFailedError. */
  fail(sentence: string, cause?: unknown): void;
  /** Resolves after a clean shutdown (SIGTERM, SIGINT, end of input); rejects after `fail`. */
  untilStopped(): Promise<void>;
  /** Stops listening to signals. */
  dispose(): void;
}

/**
 * The service's life: parts started in order, stopped in reverse on SIGTERM/SIGINT (a second signal
 * exits at once), a graceful stop that lets sends in flight finish, and a failure path that stops the
 * same way but ends the process non-zero.
 */
export function createLifecycle(options: { readonly log: Log; readonly onStopped: () => Promise<void> | void }): Lifecycle {
  const { log } = options;
  const parts: Part[] = [];
  let stopping: Promise<void> | undefined;
  let failure: ServiceFailedError | undefined;
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const stopped = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  stopped.catch(() => undefined);

  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      for (const part of [...parts].reverse()) {
        try {
          await part.stop();
        } catch (error) {
          log.error({ err: error, part: part.name }, 'stopping failed');
        }
      }
      try {
        await options.onStopped();
      } catch (error) {
        log.error({ err: error }, 'closing the store failed');
      }
      if (failure) settle?.reject(failure);
      else settle?.resolve();
    })();
    return stopping;
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    void shutdown(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  return {
    add: (part) => void parts.push(part),
    shutdown,
    fail(sentence, cause) {
      if (stopping) return;
      failure = new ServiceFailedError(sentence, { cause });
      log.error({ err: cause instanceof Error ? cause.message : cause }, sentence);
      void shutdown('a part failed');
    },
    untilStopped: () => stopped,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
