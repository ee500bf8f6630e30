/** franc answers in ISO 639-3; the platforms and the contract speak ISO 639-1. */
export const ISO639_3_TO_1: Readonly<Record<string, string>> = {
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

/** A language code as the platforms write it: `fr`, `zh`; `pt-BR` → `pt`; anything unusable → `und`. */
export function normalizeLanguage(code: string | undefined | null): string {
  if (!code) return 'und';
  const base = code.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (/^[a-z]{2}$/u.test(base)) return base;
  if (/^[a-z]{3}$/u.test(base)) return ISO639_3_TO_1[base] ?? 'und';
  return 'und';
}
