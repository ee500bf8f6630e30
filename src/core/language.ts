import { franc } from 'franc-min';

/** franc answers in ISO 639-3; the platforms and the contract speak ISO 639-1. */
const ISO639_3_TO_1: Readonly<Record<string, string>> = {
  eng: 'en', fra: 'fr', deu: 'de', ita: 'it', spa: 'es', por: 'pt', nld: 'nl', swe: 'sv', nob: 'no', nno: 'no',
  dan: 'da', fin: 'fi', pol: 'pl', ces: 'cs', slk: 'sk', hun: 'hu', ron: 'ro', bul: 'bg', hrv: 'hr', srp: 'sr',
  bos: 'bs', slv: 'sl', ukr: 'uk', rus: 'ru', bel: 'be', ell: 'el', tur: 'tr', azj: 'az', azb: 'az', uzn: 'uz',
  kaz: 'kk', kir: 'ky', tgk: 'tg', pes: 'fa', prs: 'fa', arb: 'ar', heb: 'he', urd: 'ur', hin: 'hi', ben: 'bn',
  pan: 'pa', guj: 'gu', mar: 'mr', tel: 'te', tam: 'ta', kan: 'kn', mal: 'ml', sin: 'si', nep: 'ne', npi: 'ne',
  mya: 'my', tha: 'th', khm: 'km', lao: 'lo', vie: 'vi', ind: 'id', zlm: 'ms', msa: 'ms', tgl: 'tl', cmn: 'zh',
  jpn: 'ja', kor: 'ko', amh: 'am', som: 'so', swh: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig', zul: 'zu', xho: 'xh',
  afr: 'af', run: 'rn', kin: 'rw', nya: 'ny', sna: 'sn', sun: 'su', jav: 'jv', 
  hat: 'ht', cat: 'ca', glg: 'gl', eus: 'eu', lit: 'lt', lav: 'lv', ekk: 'et', est: 'et', hye: 'hy', kat: 'ka',
  uig: 'ug', kmr: 'ku', pbu: 'ps', aka: 'ak', plt: 'mg', ful: 'ff', fuv: 'ff', tir: 'ti', ori: 'or',
  nan: 'zh', hak: 'zh', yue: 'zh',
};

/** Letters of scripts that franc-min does not cover well on short text, by the language they nearly always mean. */
const SCRIPT_HINTS: readonly [RegExp, string][] = [
  [/[\u3040-\u30ff]/u, 'ja'], // kana before Han: Japanese mixes both
  [/[\uac00-\ud7af]/u, 'ko'],
  [/[\u4e00-\u9fff]/u, 'zh'],
  [/[\u0e00-\u0e7f]/u, 'th'],
];

/** A language code as the platforms write it: `fr`, `zh`; `pt-BR` → `pt`; anything unusable → `und`. */
export function normalizeLanguage(code: string | undefined | null): string {
  if (!code) return 'und';
  const base = code.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (/^[a-z]{2}$/u.test(base)) return base;
  if (/^[a-z]{3}$/u.test(base)) return ISO639_3_TO_1[base] ?? 'und';
  return 'und';
}

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
