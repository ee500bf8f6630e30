/** The digest scheduler: what `spool start` runs and `spool send-digests` calls once. */
export { createScheduler, defaultBackoffMs, type RunReport, type Scheduler, type SchedulerConfig, type SchedulerDeps } from './scheduler.ts';
export { cronTicker, manualTicker, type Ticker } from './ticker.ts';
export type { RunMode } from './plan.ts';
