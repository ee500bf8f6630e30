import type { Digest, Log, ThreadSummary } from '../../src/core/index.ts';

/** A Log that records, so tests can check what was logged (and that no token was). */
export function createRecordingLog(): Log & { readonly entries: { level: string; obj: object; msg?: string | undefined }[] } {
  const entries: { level: string; obj: object; msg?: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

let serial = 0;

export function summary(overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  serial += 1;
  return {
    threadId: `x:${serial}`,
    author: { handle: 'steppe_notes', name: 'Steppe Notes' },
    excerpt: `Thread number ${serial} about cotton supply chains.`,
    postCount: 18,
    storedCount: 18,
    link: `https://example.com/t/${serial}`,
    lang: 'en',
    createdAt: '2026-11-23T10:00:00Z',
    hashtags: ['xinjiang'],
    grownBy: 0,
    ...overrides,
  };
}

export function digestOf(items: readonly ThreadSummary[], tag = 'xinjiang'): Digest {
  return { tag, title: `#${tag} — threads of 2026-11-23`, since: '2026-11-22T12:00:00Z', until: '2026-11-23T12:00:00Z', items };
}

/** Text from the internet at its worst: a script tag, a bare ampersand, a fake tag, and length. */
export const HOSTILE_TEXT = `<script>alert("x")</script> Tom & Jerry <A2> ${'long words '.repeat(500)}`.slice(0, 5000);
