import fc from 'fast-check';

/**
 * Text as the hostile inputs of issue 12 were made: markup that nests without end, entity runs,
 * whitespace runs, control characters, lone surrogates, astral letters, mention and markdown syntax,
 * Thread Reader markers, and any Unicode, mixed and repeated.
 */
export const SNIPPETS: readonly string[] = [
  '<ul><li>',
  '<ol><li>',
  '</li></ul>',
  '<div>',
  '</b>',
  '<p>',
  '<br>',
  '<pre>',
  '</pre>',
  '<script>',
  '</script>',
  '<style>x{}</style>',
  '<a href="javascript:alert(1)">',
  '<![CDATA[x]]>',
  '<!--',
  '-->',
  '&nbsp;',
  '&amp;',
  '&lt;',
  '&#x1F600;',
  '&#0;',
  '&#xD800;',
  '&bogus;',
  ' ',
  '   ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u0000',
  '\u001b[31m',
  '\u0007',
  '\u0085',
  '\u2028',
  '\u202e',
  '\u200d',
  '\ufeff',
  '\ud800',
  '\udc00',
  '\ud83d',
  '😀',
  '𠀀',
  '𝔛',
  '🧵',
  'é',
  'e\u0301',
  '可可托海',
  'ﷺ',
  '@everyone',
  '@here',
  '<@123>',
  '<@&456>',
  '<#789>',
  '</cmd:1>',
  '**',
  '__',
  '~~',
  '`',
  '```',
  '||',
  '> ',
  '# ',
  '- ',
  '1. ',
  '#xinjiang',
  '#',
  '＃tag',
  'Image',
  ' Image',
  '…',
  '...',
  '3/18',
  '(2/n)',
  'Read 12 tweets',
  'https://example.org/a?b=1&c=2',
  '"',
  "'",
  '\\',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '%',
  '%E0%A4%A',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SNIPPETS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Up to `max` pieces, some repeated: hostile text of a few bytes to a few kilobytes. */
export function hostileText(max = 40): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(piece, fc.integer({ min: 1, max: 30 })), { maxLength: max })
    .map((parts) => parts.map(([text, times]) => text.repeat(times)).join(''));
}

/** A short hostile string, for names, handles, ids and tags. */
export const hostileShort = hostileText(6);

/** A unit to repeat to a size, for the growth checks: one to six hostile pieces. */
export const hostileUnit = fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('') || '<ul><li>');

/** `unit` repeated to about `bytes` UTF-16 units. */
export function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.ceil(bytes / Math.max(1, unit.length))));
}

/** A date as upstreams write them, or as they should not. */
export const hostileDate = fc.oneof(
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2016-12-31T23:59:60Z', 'not a date', '', '2026-13-45T99:99:99Z', '10000-01-01T00:00:00Z', 'Mon, 23 Nov 2026 09:00:00 GMT', '\u0000'),
  hostileShort,
);
