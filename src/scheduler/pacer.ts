/**
 * Gates the starts of sends on one platform. On a platform without an idempotency key, a message
 * it accepted but the ledger has not yet recorded is sent again after a crash. So a send starts only
 * once the previous one is recorded (or has been out for `holdMs`, so that a chat that is slow to
 * answer holds the others up that long at most), and never sooner than `minIntervalMs` after it (at
 * the platform's own rate: no throughput is lost to the gate). A crash then re-sends at most the one
 * send in flight, even when the process stalls (a stalled process starts no new sends either). A
 * platform with message nonces needs no gate: a re-send is harmless there.
 */
export interface SendGate {
  /** Resolves when this send may start, with the function to call once its outcome is recorded. */
  acquire(): Promise<() => void>;
}

export function createSendGate(options: { readonly minIntervalMs: number; readonly holdMs: number }, now: () => number = Date.now): SendGate {
  if (options.minIntervalMs <= 0 && options.holdMs <= 0) return { acquire: async () => () => undefined };
  let last: { readonly started: Promise<number>; readonly recorded: Promise<void> } | undefined;
  return {
    acquire() {
      const previous = last;
      let markRecorded: () => void = () => undefined;
      const recorded = new Promise<void>((resolve) => (markRecorded = resolve));
      const started = (async () => {
        if (previous) {
          const startedAt = await previous.started;
          const hold = timer(startedAt + options.holdMs - now());
          await Promise.race([previous.recorded, hold.done]);
          hold.cancel();
          await sleep(startedAt + options.minIntervalMs - now());
        }
        return now();
      })();
      last = { started, recorded };
      return started.then(() => markRecorded);
    },
  };
}

function timer(ms: number): { done: Promise<void>; cancel(): void } {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => (handle = setTimeout(resolve, Math.max(0, ms))));
  return { done, cancel: () => clearTimeout(handle) };
}

function sleep(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}
