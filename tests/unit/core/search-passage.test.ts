import { describe, expect, it } from 'vitest';
import { createButtonCodec, matchedPassage, mentionsWord, type TagCount } from '../../../src/core/index.ts';

const marked = (p: { text: string; marks: readonly (readonly [number, number])[] }) => p.marks.map(([s, e]) => p.text.slice(s, e));

describe('the passage a search matched', () => {
  it('the post with most of the words, the words marked whatever their case and accents', () => {
    const posts = [{ text: 'An opening about nothing in particular.' }, { text: 'The CÔTE and the Cotton harvest, cotton again.' }, { text: 'harvest only' }];
    const passage = matchedPassage(posts, ['cote', 'cotton', 'harvest'], 280);
    expect(passage.text).toBe('The CÔTE and the Cotton harvest, cotton again.');
    expect(marked(passage)).toEqual(['CÔTE', 'Cotton', 'harvest', 'cotton']);
  });

  it('a long post → cut around the first match, with … at both ends, marks still on the words', () => {
    const text = `${'filler words '.repeat(40)}the Ürümqi cotton market ${'more text '.repeat(40)}`;
    const passage = matchedPassage([{ text }], ['urumqi'], 120);
    expect(passage.text.length).toBeLessThanOrEqual(120);
    expect(passage.text.startsWith('…') && passage.text.endsWith('…')).toBe(true);
    expect(marked(passage)).toEqual(['Ürümqi']);
  });

  it('whole words only (cotton ≠ cottonwood), except in scripts without spaces', () => {
    expect(marked(matchedPassage([{ text: 'cottonwood and cotton' }], ['cotton'], 280))).toEqual(['cotton']);
    expect(marked(matchedPassage([{ text: '新疆棉花的收成' }], ['棉花'], 280))).toEqual(['棉花']);
    expect(mentionsWord('Die Baumwollernte', 'baumwolle')).toBe(false);
    expect(mentionsWord('ÉCONOMIE du coton', 'economie')).toBe(true);
    // Greek final sigma lower-cases differently at a word's end: both spellings are one word.
    expect(marked(matchedPassage([{ text: 'Η ΟΔΟΣ του βαμβακιού' }], ['οδοσ'], 280))).toEqual(['ΟΔΟΣ']);
  });

  it('no post holds a word (the thread matched by its hashtag) → the opening, unmarked', () => {
    expect(matchedPassage([{ text: 'first' }, { text: 'second' }], ['xinjiang'], 280)).toEqual({ text: 'first', marks: [] });
  });
});

describe('the button codec for searches, authors and thread pages', () => {
  const stored = new Map([['k1', 'a search too long for a button, with many words #xinjiang']]);
  const lookups = { tagsByPrefix: async (): Promise<readonly TagCount[]> => [], recall: async (key: string) => stored.get(key) };
  const codec = createButtonCodec({ maxBytes: 64 });

  it('each kind round-trips through its code, within 64 bytes', async () => {
    const buttons = [
      { kind: 'search' as const, ref: 'cotton harvest #xinjiang', cursor: '0.zzzzzzzzzzzz' },
      { kind: 'author' as const, ref: 'alice@mastodon.social', sort: 'best' as const, cursor: '-zzzzzzzzzzzzz.zzzzzzzzzzzz' },
      { kind: 'thread' as const, ref: 'x:1900000000000000001', page: 12 },
    ];
    for (const button of buttons) {
      const code = codec.encode(button);
      expect(Buffer.byteLength(code), code).toBeLessThanOrEqual(64);
      expect(await codec.decode(code, lookups)).toEqual(button);
    }
  });

  it('a stored key → its value; an unknown key or a page that is no number → expired', async () => {
    expect(await codec.decode(codec.encode({ kind: 'search', ref: '~k1' }), lookups)).toEqual({
      kind: 'search',
      ref: 'a search too long for a button, with many words #xinjiang',
      cursor: undefined,
    });
    expect(await codec.decode('s||~k2', lookups)).toBeUndefined();
    expect(await codec.decode('u|!|x:1', lookups)).toBeUndefined();
  });
});
