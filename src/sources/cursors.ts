import type { CursorStore } from '../core/index.ts';

/** The pollers' view of the store's cursors (the core port); tests use `createMemoryCursors`. */
export type CursorPort = CursorStore;

export function createMemoryCursors(initial: Record<string, string> = {}): CursorPort & { readonly values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: async (source, key) => values.get(`${source}\u0000${key}`),
    set: async (source, key, value) => void values.set(`${source}\u0000${key}`, value),
  };
}
