/** Code points of `text` into `into` (grown when needed); returns how many. No string is made per character. */
function codePoints(text: string, into: { buffer: Int32Array }): number {
  if (into.buffer.length < text.length) into.buffer = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const low = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if ((low & 0xfc00) === 0xdc00) {
      into.buffer[n++] = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      i++;
    } else into.buffer[n++] = unit;
  }
  return n;
}

/**
 * Levenshtein distance between the code points x[0..xn) and y[0..yn), stopping early once it exceeds
 * `max` (then max + 1). Two rows of integers, reused by the caller: no allocation per comparison.
 */
function distance(x: Int32Array, xn: number, y: Int32Array, yn: number, max: number, rows: { a: Int32Array; b: Int32Array }): number {
  if (Math.abs(xn - yn) > max) return max + 1;
  if (rows.a.length < yn + 1) {
    rows.a = new Int32Array(yn + 1);
    rows.b = new Int32Array(yn + 1);
  }
  let previous = rows.a;
  let current = rows.b;
  for (let j = 0; j <= yn; j++) previous[j] = j;
  for (let i = 1; i <= xn; i++) {
    current[0] = i;
    let rowMin = i;
    const xi = x[i - 1];
    for (let j = 1; j <= yn; j++) {
      const cost = xi === y[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[yn] ?? 0;
}

/** Levenshtein distance over code points, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const x = { buffer: new Int32Array(16) };
  const y = { buffer: new Int32Array(16) };
  const xn = codePoints(a, x);
  const yn = codePoints(b, y);
  return distance(x.buffer, xn, y.buffer, yn, Math.min(max, Math.max(xn, yn)), { a: new Int32Array(0), b: new Int32Array(0) });
}

/**
 * The candidates spelled most like `target`: a prefix or substring match counts as close,
 * otherwise at most a third of the letters may differ. Ties go to the more used tag.
 * Hundreds of candidates are compared per "did you mean": the target is decoded once and the
 * comparison reuses its buffers.
 */
export function closestSpellings(target: string, candidates: readonly { readonly tag: string; readonly threads: number }[], limit: number): string[] {
  const x = { buffer: new Int32Array(32) };
  const xn = codePoints(target, x);
  const max = Math.max(1, Math.floor(xn / 3));
  const y = { buffer: new Int32Array(32) };
  const rows = { a: new Int32Array(64), b: new Int32Array(64) };
  const close: { tag: string; threads: number; distance: number }[] = [];
  for (const c of candidates) {
    if (c.tag === target) continue;
    let d = 0.5;
    if (!c.tag.includes(target) && !target.includes(c.tag)) {
      const yn = codePoints(c.tag, y); // may replace y.buffer with a larger one: read it after
      d = distance(x.buffer, xn, y.buffer, yn, max, rows);
    }
    if (d <= max) close.push({ tag: c.tag, threads: c.threads, distance: d });
  }
  return close
    .sort((a, b) => a.distance - b.distance || b.threads - a.threads || (a.tag < b.tag ? -1 : 1))
    .slice(0, limit)
    .map((c) => c.tag);
}
