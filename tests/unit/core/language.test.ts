import { describe, expect, it } from 'vitest';
import { normalizeLanguage } from '../../../src/core/index.ts';
import { detectLanguage } from '../../../src/core/ingest.ts';

describe('language', () => {
  it("the source's tag wins over detection", () => {
    expect(detectLanguage('This is clearly English text, long enough to detect.', 'fr')).toBe('fr');
  });

  it('regional and ISO 639-3 codes → two letters; junk → und', () => {
    expect(normalizeLanguage('pt-BR')).toBe('pt');
    expect(normalizeLanguage('ita')).toBe('it');
    expect(normalizeLanguage('zzz')).toBe('und');
    expect(normalizeLanguage(undefined)).toBe('und');
  });

  it('untagged Italian, French and English text → detected and mapped to ISO 639-1', () => {
    expect(detectLanguage('Nelle sue osservazioni sul Rapporto sulla libertà religiosa internazionale, il Segretario di Stato')).toBe('it');
    expect(detectLanguage("Un fil sur la chaîne d'approvisionnement du textile, après l'enquête publiée cette semaine")).toBe('fr');
    expect(detectLanguage('My daughter and I went to the mountains for a ski trip in the Altay area')).toBe('en');
  });

  it('Chinese, Japanese and Korean text → zh, ja, ko from the script', () => {
    expect(detectLanguage('带女儿去了可可托海滑雪')).toBe('zh');
    expect(detectLanguage('新疆を描いた漫画の新刊を読んだ')).toBe('ja');
    expect(detectLanguage('한국어 문장입니다')).toBe('ko');
  });

  it('too little text to tell → und', () => {
    expect(detectLanguage('ok #tag https://example.com')).toBe('und');
  });
});
