import { describe, expect, it } from 'vitest';
import { normalizeHashtag, parseHashtagArgument } from '../../../src/core/index.ts';
import { extractHashtags } from '../../../src/core/ingest.ts';

describe('extractHashtags', () => {
  it('Latin, accented and CJK tags → normalized, in order of first appearance', () => {
    expect(extractHashtags('#Xinjiang and #Ouïghours in #可可托海, again #XINJIANG')).toEqual(['xinjiang', 'ouïghours', '可可托海']);
  });

  it("a possessive (#China's) → the tag without the suffix", () => {
    expect(extractHashtags("#China's policy")).toEqual(['china']);
  });

  it('a fragment inside a URL → not a hashtag', () => {
    expect(extractHashtags('see https://example.com/page#section and #real')).toEqual(['real']);
  });

  it('Korean, Arabic and Japanese tags → kept whole', () => {
    expect(extractHashtags('#한국 #العربية #日本語テスト')).toEqual(['한국', 'العربية', '日本語テスト']);
  });

  it('all digits (#2024) → not a hashtag, as on X', () => {
    expect(extractHashtags('#2024 #a2024')).toEqual(['a2024']);
  });

  it('full-width ＃ and letters → NFKC-normalized', () => {
    expect(extractHashtags('＃ＸＩＮＪＩＡＮＧ')).toEqual(['xinjiang']);
  });

  it('text without # → no tags', () => {
    expect(extractHashtags('nothing here')).toEqual([]);
  });
});

describe('normalizeHashtag / parseHashtagArgument', () => {
  it('#, case and Unicode form → one spelling', () => {
    expect(normalizeHashtag('#Ouïghours')).toBe('ouïghours');
    expect(normalizeHashtag('Ouı\u0308ghours'.replace('ı', 'i'))).toBe('ouïghours');
  });

  it('a typed tag in any script → accepted and normalized', () => {
    expect(parseHashtagArgument('#Xinjiang')).toEqual({ ok: true, value: 'xinjiang' });
    expect(parseHashtagArgument('可可托海')).toEqual({ ok: true, value: '可可托海' });
  });

  it('an empty tag → hashtag.invalid (empty)', () => {
    expect(parseHashtagArgument('#')).toMatchObject({ ok: false, failure: { code: 'hashtag.invalid', reason: 'empty' } });
  });

  it('punctuation inside → hashtag.invalid (characters)', () => {
    expect(parseHashtagArgument('bad!tag')).toMatchObject({ ok: false, failure: { reason: 'characters' } });
    expect(parseHashtagArgument('two words')).toMatchObject({ ok: false, failure: { reason: 'characters' } });
  });

  it('over 100 characters → hashtag.invalid (too-long)', () => {
    expect(parseHashtagArgument('a'.repeat(101))).toMatchObject({ ok: false, failure: { reason: 'too-long' } });
    expect(parseHashtagArgument('a'.repeat(100)).ok).toBe(true);
  });
});
