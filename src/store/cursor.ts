/**
 * Page cursors: the last row's sort key and sequence number, in base 36 (`kx3f9a.1b`).
 * Short enough for a 64-byte button code, and stable while new threads arrive.
 */
export interface PageCursor {
  readonly key: number;
  readonly seq: number;
}

export function encodeCursor(cursor: PageCursor): string {
  return `${cursor.key.toString(36)}.${cursor.seq.toString(36)}`;
}

/** An unreadable cursor (edited by hand, from an old version) restarts at the first page. */
export function decodeCursor(text: string): PageCursor | undefined {
  const match = /^(-?[0-9a-z]{1,14})\.([0-9a-z]{1,12})$/u.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const key = Number.parseInt(match[1], 36);
  const seq = Number.parseInt(match[2], 36);
  return Number.isSafeInteger(key) && Number.isSafeInteger(seq) ? { key, seq } : undefined;
}
