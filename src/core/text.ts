/**
 * Shortens text for a chat message without cutting a word (or, when one is close, a sentence) in half.
 * Counts code points, not UTF-16 units, so an emoji or a CJK character is never split.
 */
export function excerpt(text: string, maxChars: number): string {
  const clean = text.replace(/[ \t]+/gu, ' ').replace(/\n{3,}/gu, '\n\n').trim();
  const chars = [...clean];
  if (chars.length <= maxChars) return clean;
  const budget = Math.max(1, maxChars - 1); // room for the ellipsis
  const head = chars.slice(0, budget).join('');
  // A sentence end in the last 40% of the budget makes the nicest cut.
  const sentenceEnd = Math.max(
    ...['. ', '! ', '? ', '。', '！', '？', '\n'].map((mark) => {
      const at = head.lastIndexOf(mark);
      return at >= 0 ? at + mark.trimEnd().length : -1;
    }),
  );
  if (sentenceEnd >= budget * 0.6) return `${head.slice(0, sentenceEnd).trimEnd()} …`;
  const space = head.search(/\s\S*$/u);
  // Scripts without spaces (Chinese, Japanese, Thai) have no word boundary to find: cut at the budget.
  const cut = space >= budget * 0.5 ? head.slice(0, space) : head;
  return `${cut.trimEnd()}…`;
}

/** A duration in words for "2 h ago" labels: the largest whole unit. */
export function ageLabel(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 60) return `${days} d ago`;
  return fromIso.slice(0, 10);
}
