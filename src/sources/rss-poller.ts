import type { SourcePoller } from './round.ts';
export function createRssPoller(o: { every: number; url: string; hashtags: readonly string[] }): SourcePoller {
  return { label: 'rss', every: o.every, poll: async () => {} };
}
