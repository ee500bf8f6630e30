import { schedule } from 'node-cron';

/** What wakes the scheduler up. Tests drive it by hand; production uses node-cron. */
export interface Ticker {
  start(onTick: () => void): { stop(): void };
}

/**
 * Every minute at second 0 (node-cron), in UTC: the scheduler itself works out each subscription's
 * local time, so one tick serves every zone. The task does not keep the process alive on its own.
 */
export function cronTicker(expression = '* * * * *'): Ticker {
  return {
    start(onTick) {
      const task = schedule(expression, () => onTick(), { timezone: 'UTC', noOverlap: true, unref: true });
      return {
        stop() {
          void task.destroy();
        },
      };
    },
  };
}

/** A ticker a test fires with `tick()`. */
export function manualTicker(): Ticker & { tick(): void; readonly started: boolean } {
  let handler: (() => void) | undefined;
  return {
    get started() {
      return handler !== undefined;
    },
    start(onTick) {
      handler = onTick;
      return {
        stop() {
          handler = undefined;
        },
      };
    },
    tick() {
      handler?.();
    },
  };
}
