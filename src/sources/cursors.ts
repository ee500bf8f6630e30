/**
 * Where each poller stopped, per source and key (`#tag`, a feed URL): `since_id`, a search cursor,
 * an ETag. The SQLite `SourceCursorStore` satisfies it; tests may use `createMemoryCursors`.
 * A cursor is written only after the posts it covers were handed to the sink, so a crash
 * refetches (deduped by the store) rather than skips.
 */
export interface CursorPort {
  get(source: string, key: string): string | undefined;
  set(source: string, key: string, value: string): void;
}

export function createMemoryCursors(initial: Record<string, string> = {}): CursorPort & { readonly values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (source, key) => values.get(`${source}\u0000${key}`),
    set: (source, key, value) => void values.set(`${source}\u0000${key}`, value),
  };
}
