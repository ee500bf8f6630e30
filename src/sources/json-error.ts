import { oneLine } from '../core/index.ts';

/**
 * Why a file is not JSON, as one line for a report. V8's own message quotes the input around the
 * fault ("Unexpected token 'x', "{\n  "a": x…" is not valid JSON"), which puts the file's lines, and
 * whatever control characters they hold, into the report: the quote is dropped, the position
 * becomes a line number.
 */
export function describeJsonError(text: string, error: unknown): { line?: number; reason: string } {
  const message = error instanceof Error ? error.message : String(error);
  const position = /\bat position (\d+)/u.exec(message);
  const what = message
    .replace(/\s*\(line \d+ column \d+\)/u, '')
    .replace(/\s*in JSON at position \d+.*$/su, '')
    .replace(/,\s*".*$/su, '')
    .replace(/^Unexpected end of JSON input$/u, 'it ends before the JSON does');
  const reason = `not valid JSON: ${oneLine(what, 80)}`;
  if (!position) return { reason };
  const at = Math.min(Number(position[1]), text.length);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return { line, reason };
}
