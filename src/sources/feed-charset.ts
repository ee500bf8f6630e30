import iconv from 'iconv-lite';

/**
 * A feed's bytes to text, in the encoding the feed says it is in. XML names its encoding in three
 * places; RFC 7303 §3 ranks them: a byte order mark, then the HTTP `charset` parameter, then the
 * XML declaration (`<?xml … encoding="EUC-KR"?>`), else UTF-8. Two departures from the letter, both
 * from how feeds are served in practice:
 * - `ISO-8859-1`, `latin1` and `US-ASCII` are read as windows-1252 (the WHATWG Encoding Standard
 *   does the same): feeds that say Latin-1 routinely hold its curly quotes and euro sign.
 * - When the winner is not UTF-8 but the other source says UTF-8 and the bytes are valid UTF-8 with
 *   non-ASCII in them, UTF-8 wins: a web server's default `charset=ISO-8859-1` in front of a UTF-8
 *   feed is common, while Latin-1 text that happens to be valid multi-byte UTF-8 is vanishingly rare.
 * An encoding iconv-lite does not know is passed over for the next source.
 */
export interface DecodedFeed {
  readonly text: string;
  /** The encoding the bytes were read in, as iconv-lite names it. */
  readonly encoding: string;
  readonly from: 'bom' | 'header' | 'declaration' | 'default';
}

const LATIN1_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'cp819', 'ibm819']);

/** The canonical name of a charset label iconv-lite can decode, or undefined. */
function known(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label.trim().toLowerCase();
  if (LATIN1_ALIASES.has(name)) return 'windows-1252';
  return iconv.encodingExists(name) ? name : undefined;
}

function isUtf8(name: string | undefined): boolean {
  return name === 'utf-8' || name === 'utf8';
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  // No mark, but "<?" in UTF-16 (XML 1.0 Appendix F): the declaration itself could not be read otherwise.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return { encoding: 'utf-16le', length: 0 };
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return { encoding: 'utf-16be', length: 0 };
  return undefined;
}

/** `charset` of a Content-Type header value (`application/rss+xml; charset="windows-1251"`). */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  if (!contentType) return undefined;
  for (const parameter of contentType.split(';').slice(1)) {
    const [key, value] = parameter.split('=', 2);
    if (key?.trim().toLowerCase() === 'charset' && value) return value.trim().replace(/^"|"$/gu, '');
  }
  return undefined;
}

/** The encoding an XML declaration names, read from the first bytes as ASCII (leading blank lines allowed). */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const declaration = /^\s{0,64}<\?xml\s[^>]{0,200}>/u.exec(head)?.[0];
  return declaration ? /\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]{0,40})["']/u.exec(declaration)?.[1] : undefined;
}

function validUtf8WithNonAscii(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a feed; `contentType` is the HTTP header when the bytes came over HTTP, undefined for a
 * file. The text has no byte order mark and no blank lines before its first `<` or `{`, so that an
 * XML parser does not refuse a declaration that is not at the very start.
 */
export function decodeFeed(bytes: Uint8Array, contentType?: string | null): DecodedFeed {
  const bom = bomEncoding(bytes);
  const header = known(charsetOf(contentType));
  const declared = known(declaredEncoding(bytes));
  let chosen: { encoding: string; from: DecodedFeed['from'] };
  if (bom) chosen = { encoding: bom.encoding, from: 'bom' };
  else if (header) chosen = { encoding: header, from: 'header' };
  else if (declared) chosen = { encoding: declared, from: 'declaration' };
  else chosen = { encoding: 'utf-8', from: 'default' };
  const utf8Said = (isUtf8(header) && chosen.from !== 'header') || (isUtf8(declared) && chosen.from !== 'declaration');
  if (!bom && !isUtf8(chosen.encoding) && utf8Said && validUtf8WithNonAscii(bytes)) {
    chosen = { encoding: 'utf-8', from: isUtf8(declared) ? 'declaration' : 'header' };
  }
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), chosen.encoding, { stripBOM: true });
  return { text: text.replace(/^\s+(?=[<{])/u, ''), encoding: chosen.encoding, from: chosen.from };
}

/**
 * The first few KB of a file as text, for format detection: UTF-16 (by its byte order mark or its
 * `<?`) is read as such, everything else as UTF-8, which is enough to recognise any format's opening.
 */
export function headText(bytes: Uint8Array, size = 4096): string {
  const bom = bomEncoding(bytes);
  const head = bytes.subarray(0, size);
  if (bom && bom.encoding !== 'utf-8') return iconv.decode(Buffer.from(head.buffer, head.byteOffset, head.byteLength), bom.encoding, { stripBOM: true });
  return new TextDecoder().decode(head);
}
