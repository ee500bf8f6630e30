import type { SourcePoller } from './round.ts';
export function createXPoller(o: { every: number; apiUrl: string; bearerToken?: string | undefined }): SourcePoller {
  return { label: 'x', every: o.every, poll: async () => {} };
}
