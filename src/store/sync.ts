/**
 * better-sqlite3 answers synchronously; the core's ports are asynchronous so that other engines can
 * implement them. Each SQLite repository is written against `Sync<Port>` (plain return values, one
 * transaction per call) and handed out through `asyncPort`, which wraps every method in a resolved
 * promise: the cost is one microtask per call (measured in docs/benchmarks.md), and a repository's
 * transactions never interleave with other work because none of them awaits.
 */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

export function asyncPort<T extends object>(sync: Sync<T>): T {
  const port: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(sync)) {
    port[name] =
      typeof member === 'function'
        ? (...args: unknown[]) => {
            try {
              return Promise.resolve((member as (...a: unknown[]) => unknown)(...args));
            } catch (error) {
              return Promise.reject(error);
            }
          }
        : member;
  }
  return port as T;
}
