/**
 * Runs `work` over `items` with at most `concurrency` at once. A slow item holds one slot, never
 * the others; once `stopped()` says so, no new item starts (those running finish).
 */
export async function runPool<T>(items: readonly T[], concurrency: number, stopped: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stopped()) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
