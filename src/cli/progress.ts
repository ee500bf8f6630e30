import type { WriteStream } from 'node:tty';
import type { ImportProgress } from '../app/import-files.ts';

const MB = 1_000_000;

/** A one-line progress bar for long imports, redrawn in place; only used when stderr is a terminal. */
export function progressBar(stream: WriteStream) {
  let last = 0;
  return {
    update({ bytes, totalBytes, posts }: ImportProgress): void {
      const now = Date.now();
      if (bytes < totalBytes && now - last < 100) return;
      last = now;
      const width = 30;
      const share = totalBytes === 0 ? 1 : Math.min(1, bytes / totalBytes);
      const filled = Math.round(share * width);
      const size = `${(bytes / MB).toFixed(1)}/${(totalBytes / MB).toFixed(1)} MB`;
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% ${size}, ${posts} posts`);
    },
    done(): void {
      if (last > 0) stream.write('\n');
    },
  };
}
