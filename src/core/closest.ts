/** Levenshtein distance over code points, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The candidates spelled most like `target`: a prefix or substring match counts as close,
 * otherwise at most a third of the letters may differ. Ties go to the more used tag.
 */
export function closestSpellings(
  target: string,
  candidates: readonly { readonly tag: string; readonly threads: number }[],
  limit: number,
): string[] {
  const max = Math.max(1, Math.floor([...target].length / 3));
  return candidates
    .map((c) => {
      const contains = c.tag.includes(target) || target.includes(c.tag);
      const distance = contains ? 0.5 : editDistance(target, c.tag, max);
      return { ...c, distance };
    })
    .filter((c) => c.distance <= max && c.tag !== target)
    .sort((a, b) => a.distance - b.distance || b.threads - a.threads || (a.tag < b.tag ? -1 : 1))
    .slice(0, limit)
    .map((c) => c.tag);
}
