/**
 * Leases: which process holds a role (the service on a database now; per-role leadership for replicas
 * later). A holder renews its lease while it lives; one that stops renewing is stale and may be taken over.
 */
export interface LeaseHolder {
  /** A random id per process start: two starts of the same pid are different owners. */
  readonly owner: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: Date;
  readonly renewedAt: Date;
}

export interface LeaseStore {
  /** Who holds `role` now, if anyone (a stale holder too: the caller decides what stale means). */
  holder(role: string): Promise<LeaseHolder | undefined>;
  /**
   * Takes `role` when it is free or still held by `replacing` (compare-and-set on the owner), so two
   * processes that both saw a stale holder cannot both win. False when another owner got there first.
   */
  take(role: string, holder: LeaseHolder, replacing: string | undefined): Promise<boolean>;
  /** Records that `owner` is alive; false when the lease is no longer its own (taken over while it slept). */
  renew(role: string, owner: string, at: Date): Promise<boolean>;
  /** Gives `role` up, only if `owner` still holds it. */
  release(role: string, owner: string): Promise<void>;
}
