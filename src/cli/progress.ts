import type { WriteStream } from 'node:tty';

/** A one-line progress bar for long imports, redrawn in place; only used when stderr is a terminal. */
export function progressBar(stream: WriteStream) {
  let last = 0;
  return {
    update(done: number, total: number): void {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} posts`);
    },
    done(): void {
      if (last > 0) stream.write('\n');
    },
  };
}
