import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** How much of a file is read at a time. */
const CHUNK_BYTES = 1 << 20;

export interface FileLine {
  readonly line: string;
  /** 1-based, counting blank lines too (so reports name the line an editor shows). */
  readonly lineNumber: number;
  /** How far into the file reading has got (for a progress bar). */
  readonly bytesRead: number;
}

/**
 * Every non-blank line of the open file `fd`, reading a chunk at a time: memory holds one chunk and the
 * line being assembled, whatever the file's size. A generator, so that the caller can store a batch
 * (asynchronously) between lines without holding the rest of the file.
 */
export function* fileLines(fd: number): Generator<FileLine> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new StringDecoder('utf8'); // keeps a character split across two chunks whole
  let carry = '';
  let lineNumber = 0;
  let bytesRead = 0;
  for (;;) {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (n === 0) break;
    bytesRead += n;
    const text = carry + decoder.write(buffer.subarray(0, n));
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      lineNumber++;
      const line = text.slice(start, end);
      if (line.trim() !== '') yield { line, lineNumber, bytesRead };
      start = end + 1;
    }
    carry = text.slice(start);
  }
  const last = carry + decoder.end();
  if (last.trim() !== '') yield { line: last, lineNumber: lineNumber + 1, bytesRead };
}
