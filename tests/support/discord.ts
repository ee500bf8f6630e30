import type { Digest, Log, ThreadSummary } from '../../src/core/index.ts';

/** A Log that records, so tests can assert what was logged (and that no token was). */
export function recordingLog() {
  const entries: { level: string; obj: object; msg?: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  const log: Log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, entries };
}

export function summary(overrides: Partial<ThreadSummary> = {}, n = 1): ThreadSummary {
  return {
    threadId: `x:${n}`,
    author: { handle: `author${n}`, name: `Author ${n}` },
    excerpt: `Thread ${n} about the cotton harvest in #xinjiang.`,
    postCount: 18,
    storedCount: 18,
    link: `https://x.com/author${n}/status/${1000 + n}`,
    lang: 'en',
    createdAt: '2026-11-23T08:00:00.000Z',
    hashtags: ['xinjiang'],
    grownBy: 0,
    ...overrides,
  };
}

export function digestOf(items: ThreadSummary[], tag = 'xinjiang'): Digest {
  return { tag, title: `#${tag} — threads of 2026-11-23`, since: '2026-11-22T12:00:00.000Z', until: '2026-11-23T12:00:00.000Z', items };
}
