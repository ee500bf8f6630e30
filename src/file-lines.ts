import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** How much of a file is read at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `onLine` for every non-blank line of the open file `fd`, reading a chunk at a time: memory
 * holds one chunk and the line being assembled, whatever the file's size. `bytesRead` is how far
 * into the file reading has got (for a progress bar). Synchronous, like the store it feeds.
 */
export function forEachLine(fd: number, onLine: (line: string, lineNumber: number, bytesRead: number) => void): void {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new StringDecoder('utf8'); // keeps a character split across two chunks whole
  let carry = '';
  let lineNumber = 0;
  let bytesRead = 0;
  const emit = (line: string): void => {
    lineNumber++;
    if (line.trim() !== '') onLine(line, lineNumber, bytesRead);
  };
  for (;;) {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (n === 0) break;
    bytesRead += n;
    const text = carry + decoder.write(buffer.subarray(0, n));
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      emit(text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
  }
  const last = carry + decoder.end();
  if (last !== '') emit(last);
}
