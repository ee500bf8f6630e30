/** Where the first `count` code points of `text` end, in UTF-16 units (a surrogate pair is one code point). */
function codePointsEnd(text: string, count: number): number {
  let at = 0;
  for (let n = 0; n < count && at < text.length; n++) {
    const unit = text.charCodeAt(at);
    const pair = unit >= 0xd800 && unit <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
    at += pair ? 2 : 1;
  }
  return at;
}

const SENTENCE_ENDS = ['. ', '! ', '? ', '。', '！', '？', '\n'] as const;

/**
 * Shortens text for a chat message without cutting a word (or, when one is close, a sentence) in half.
 * Counts code points, not UTF-16 units, so an emoji or a CJK character is never split. Every list and
 * digest calls it once per thread, so it walks the string instead of spreading it into characters.
 */
export function excerpt(text: string, maxChars: number): string {
  const clean = text.replace(/[ \t]{2,}|\t/gu, ' ').replace(/\n{3,}/gu, '\n\n').trim();
  if (clean.length <= maxChars || codePointsEnd(clean, maxChars) >= clean.length) return clean;
  const budget = Math.max(1, maxChars - 1); // room for the ellipsis
  const head = clean.slice(0, codePointsEnd(clean, budget));
  // A sentence end in the last 40% of the budget makes the nicest cut.
  let sentenceEnd = -1;
  for (const mark of SENTENCE_ENDS) {
    const at = head.lastIndexOf(mark);
    if (at >= 0) sentenceEnd = Math.max(sentenceEnd, at + mark.trimEnd().length);
  }
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
