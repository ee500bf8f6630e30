import { describe, expect, it } from 'vitest';
import { createButtonCodec, type TagCount } from '../../../src/core/index.ts';

const stored = (tags: string[]) => ({
  tagsByPrefix: async (prefix: string): Promise<readonly TagCount[]> => tags.filter((t) => t.startsWith(prefix)).map((tag) => ({ tag, threads: 1 })),
});
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('the one button codec', () => {
  const telegram = createButtonCodec({ maxBytes: 64 });

  it('a short tag → the whole request in the code, decoded by a fresh codec (as after a restart or on another replica)', async () => {
    const code = telegram.encode({ tag: 'xinjiang', sort: 'best', cursor: 'kx3f9a.1b' });
    expect(code).toBe('tbp|kx3f9a.1b|xinjiang');
    expect(await createButtonCodec({ maxBytes: 64 }).decode(code, stored([]))).toEqual({ tag: 'xinjiang', sort: 'best', cursor: 'kx3f9a.1b', fresh: false });
  });

  it('a 100-letter Uyghur tag with the longest cursor → within 64 bytes, whole code points, resolved through the stored tags', async () => {
    const tag = 'ئۇيغۇر'.repeat(17).slice(0, 100);
    const cursor = 'zzzzzzzzzzzzzz.zzzzzzzzzzzz';
    const code = telegram.encode({ tag, sort: 'recent', cursor, fresh: true });
    expect(bytes(code)).toBeLessThanOrEqual(64);
    expect(code).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/u);
    expect(await telegram.decode(code, stored([tag, `${tag.slice(0, 99)}x`]))).toEqual({ tag, sort: 'recent', cursor, fresh: true });
  });

  it('an astral tag (emoji-free but outside the BMP) → never cut inside a surrogate pair', async () => {
    const tag = '𐰀𐰁𐰂𐰃'.repeat(20);
    const code = createButtonCodec({ maxBytes: 100 }).encode({ tag, sort: 'best' });
    expect(code.length).toBeLessThanOrEqual(100);
    expect(code).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u);
    expect(await createButtonCodec({ maxBytes: 100 }).decode(code, stored([tag]))).toMatchObject({ tag });
  });

  it('a shortened tag that is no longer stored, or a code this bot did not make → undefined (the button has expired)', async () => {
    const tag = '可可托海'.repeat(25);
    const code = telegram.encode({ tag, sort: 'recent' });
    expect(await telegram.decode(code, stored([]))).toBeUndefined();
    expect(await telegram.decode('k|3f', stored([tag]))).toBeUndefined();
    expect(await telegram.decode('th:r::xinjiang', stored(['xinjiang']))).toBeUndefined();
  });
});
