import { franc } from 'franc-min';
import { ISO639_3_TO_1, normalizeLanguage } from './language.ts';

// Apart from language.ts because franc's trigram tables are large: commands that only read never load them.

/** Letters of scripts that franc-min does not cover well on short text, by the language they nearly always mean. */
const SCRIPT_HINTS: readonly [RegExp, string][] = [
  [/[\u3040-\u30ff]/u, 'ja'], // kana before Han: Japanese mixes both
  [/[\uac00-\ud7af]/u, 'ko'],
  [/[\u4e00-\u9fff]/u, 'zh'],
  [/[\u0e00-\u0e7f]/u, 'th'],
];

/**
 * The language of a text: the source's tag when it has one, else franc's guess mapped to ISO 639-1,
 * else `und`. Short texts are guessed from their script only, because franc is unreliable below ~20 letters.
 */
export function detectLanguage(text: string, sourceTag?: string | null): string {
  const tagged = normalizeLanguage(sourceTag);
  if (tagged !== 'und') return tagged;
  const letters = text.replace(/https?:\/\/\S+|[#@][\p{L}\p{N}_]+|[^\p{L}\s]/gu, '').trim();
  const hangulOrKana = SCRIPT_HINTS.slice(0, 2).find(([re]) => re.test(letters));
  if (hangulOrKana) return hangulOrKana[1];
  if (letters.length >= 20) {
    const guess = franc(letters, { minLength: 20 });
    if (guess !== 'und') return ISO639_3_TO_1[guess] ?? 'und';
  }
  const byScript = SCRIPT_HINTS.find(([re]) => re.test(letters));
  return byScript ? byScript[1] : 'und';
}
