import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetOf, decodeFeed, declaredEncoding, headText } from '../../../src/sources/feed-charset.ts';

const rss = (declaration: string, text: string): string => `${declaration}<rss version="2.0"><channel><title>${text}</title></channel></rss>`;
const bytes = (text: string, encoding: string, addBOM = false): Uint8Array => iconv.encode(text, encoding, { addBOM });

describe('decodeFeed: the encoding a feed names, by RFC 7303 precedence', () => {
  it('a byte order mark → wins over the header and the declaration', () => {
    const feed = bytes(rss('<?xml version="1.0" encoding="ISO-8859-1"?>', 'Ürümqi 新疆'), 'utf-16le', true);
    const decoded = decodeFeed(feed, 'text/xml; charset=ISO-8859-1');
    expect(decoded).toMatchObject({ encoding: 'utf-16le', from: 'bom' });
    expect(decoded.text).toContain('<title>Ürümqi 新疆</title>');
    expect(decoded.text.startsWith('<?xml')).toBe(true);
  });

  it('the HTTP charset → wins over a different declaration', () => {
    const feed = bytes(rss('<?xml version="1.0" encoding="ISO-8859-1"?>', 'Синьцзян'), 'windows-1251');
    expect(decodeFeed(feed, 'application/rss+xml; charset="windows-1251"')).toMatchObject({ encoding: 'windows-1251', from: 'header' });
    expect(decodeFeed(feed, 'application/rss+xml; charset="windows-1251"').text).toContain('Синьцзян');
  });

  it('no charset in the header → the XML declaration decides; nothing said at all → UTF-8', () => {
    expect(decodeFeed(bytes(rss("<?xml version='1.0' encoding='EUC-KR'?>", '신장'), 'euc-kr'), 'application/rss+xml')).toMatchObject({
      encoding: 'euc-kr',
      from: 'declaration',
    });
    expect(decodeFeed(bytes(rss('', 'Ürümqi'), 'utf8'))).toMatchObject({ encoding: 'utf-8', from: 'default' });
  });

  it('ISO-8859-1 declared → read as windows-1252, so curly quotes and the euro sign survive', () => {
    const feed = bytes(rss('<?xml version="1.0" encoding="iso-8859-1"?>', '“5 €”'), 'windows-1252');
    expect(decodeFeed(feed).text).toContain('<title>“5 €”</title>');
  });

  it('a charset iconv-lite does not know → passed over for the next source', () => {
    const feed = bytes(rss('<?xml version="1.0" encoding="GB2312"?>', '新疆'), 'gb2312');
    expect(decodeFeed(feed, 'text/xml; charset=x-no-such-charset')).toMatchObject({ encoding: 'gb2312', from: 'declaration' });
  });

  it('a server default of ISO-8859-1 in front of a UTF-8 feed → UTF-8; in front of a real Latin-1 feed → the header stands', () => {
    const utf8 = bytes(rss('<?xml version="1.0" encoding="UTF-8"?>', 'Ürümqi'), 'utf8');
    expect(decodeFeed(utf8, 'text/xml; charset=ISO-8859-1')).toMatchObject({ encoding: 'utf-8', from: 'declaration' });
    const latin1 = bytes(rss('<?xml version="1.0" encoding="UTF-8"?>', 'Ürümqi'), 'latin1');
    expect(decodeFeed(latin1, 'text/xml; charset=ISO-8859-1')).toMatchObject({ encoding: 'windows-1252', from: 'header' });
    expect(decodeFeed(latin1, 'text/xml; charset=ISO-8859-1').text).toContain('Ürümqi');
  });

  it('UTF-16 without a byte order mark (XML 1.0 Appendix F) → recognised by its "<?"', () => {
    const feed = bytes(rss('<?xml version="1.0" encoding="UTF-16"?>', 'Ürümqi'), 'utf-16be');
    expect(decodeFeed(feed)).toMatchObject({ encoding: 'utf-16be', from: 'bom' });
    expect(decodeFeed(feed).text).toContain('Ürümqi');
  });

  it('blank lines and a BOM before the declaration → removed, so the parser sees the declaration first', () => {
    expect(decodeFeed(bytes(`\n\n  ${rss('<?xml version="1.0"?>', 'x')}`, 'utf8', true)).text.startsWith('<?xml')).toBe(true);
  });
});

describe('charset helpers', () => {
  it('charsetOf → reads the parameter, quoted or not, any case; undefined without one', () => {
    expect(charsetOf('application/rss+xml; Charset="KOI8-R"')).toBe('KOI8-R');
    expect(charsetOf('text/xml;charset=utf-8; foo=bar')).toBe('utf-8');
    expect(charsetOf('application/atom+xml')).toBeUndefined();
    expect(charsetOf(null)).toBeUndefined();
  });

  it('declaredEncoding → only from a declaration at the start (after blank lines), never from the body', () => {
    expect(declaredEncoding(bytes('\n<?xml version="1.0" encoding=\'Shift_JIS\' ?><a/>', 'utf8'))).toBe('Shift_JIS');
    expect(declaredEncoding(bytes('<rss><title>encoding="koi8-r"</title></rss>', 'utf8'))).toBeUndefined();
  });

  it('headText → UTF-16 files read as text for format detection', () => {
    expect(headText(bytes('<rss version="2.0">', 'utf-16le', true))).toBe('<rss version="2.0">');
  });
});
