import type { SourcePoller } from './round.ts';
export function createBlueskyPoller(o: { every: number; service: string; identifier?: string | undefined; appPassword?: string | undefined }): SourcePoller {
  return { label: 'bluesky', every: o.every, poll: async () => {} };
}
