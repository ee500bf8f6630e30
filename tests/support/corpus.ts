import { authorKey, postSchema, type Post, type PostInput, type SourceName } from '../../src/core/index.ts';

/**
 * A small, deterministic corpus shaped like real traffic, for tests that need the query planner to
 * see realistic statistics (query-plan tests): a few thousand threads of 1–5 posts, a few hundred
 * hashtags used with a skewed (Zipf-like) frequency, several authors on three sources, five
 * languages in three scripts, replies to other people that belong to no thread. The same options
 * always give the same posts, so a failing plan can be reproduced.
 */
export interface CorpusOptions {
  readonly threads: number;
  readonly tags: number;
  readonly authors: number;
  readonly seed?: number;
}

export interface TestCorpus {
  /** Batches in arrival order: each later batch also grows some threads of earlier ones. */
  readonly batches: readonly (readonly Post[])[];
  readonly tagNames: readonly string[];
  /** The most used tag, a mid one and a rare one: plans differ with selectivity, so tests try each. */
  readonly commonTag: string;
  readonly middleTag: string;
  readonly rareTag: string;
  /** A word in about 40 % of threads, and one in about 1 %: search plans may differ with the number of matches. */
  readonly commonWord: string;
  readonly rareWord: string;
  /** `authorKey` and handle of an author with a few dozen threads (the tenth busiest): the busiest writes too much of the corpus for an index to pay. */
  readonly author: { readonly key: string; readonly handle: string };
  /** Corpus time: threads are created over the 30 days before it. */
  readonly end: Date;
}

const WORDS: Record<string, readonly string[]> = {
  en: ['river', 'border', 'report', 'cotton', 'workers', 'archive', 'witness', 'satellite', 'election', 'village', 'market', 'court'],
  fr: ['rivière', 'frontière', 'rapport', 'coton', 'travailleurs', 'archives', 'témoin', 'élection', 'marché', 'tribunal', 'été'],
  de: ['fluss', 'grenze', 'bericht', 'baumwolle', 'arbeiter', 'archiv', 'zeuge', 'wahl', 'markt', 'gericht', 'straße'],
  ru: ['река', 'граница', 'доклад', 'хлопок', 'рабочие', 'архив', 'свидетель', 'выборы', 'рынок', 'суд'],
  ja: ['川', '国境', '報告', '綿花', '労働者', 'アーカイブ', '証人', '選挙', '市場', '裁判所'],
};
/** Syllables each language's long tail of words is made of: real text has thousands of distinct words, each in few threads. */
const SYLLABLES: Record<string, readonly string[]> = {
  en: ['ba', 'ri', 'ton', 'mel', 'cor', 'vin', 'sa', 'lu', 'pe', 'dor', 'ka', 'fen', 'gro', 'wi', 'ste', 'mar'],
  fr: ['bé', 'ri', 'lon', 'mè', 'cou', 'vin', 'sa', 'lu', 'pé', 'dor', 'chi', 'fen', 'gra', 'oi', 'ste', 'mar'],
  de: ['ba', 'rü', 'ton', 'mel', 'kor', 'win', 'sa', 'lu', 'pe', 'dör', 'ka', 'fen', 'gro', 'schi', 'ste', 'mar'],
  ru: ['ба', 'ри', 'тон', 'мел', 'кор', 'вин', 'са', 'лу', 'пе', 'дор', 'ка', 'фен', 'гро', 'ви', 'сте', 'мар'],
  ja: ['か', 'り', 'とう', 'め', 'こ', 'び', 'さ', 'る', 'ぺ', 'ど', 'き', 'ふ', 'ぐ', 'わ', 'す', 'ま'],
};
const LANGS = Object.keys(WORDS);
/** Three syllables: 16³ = 4,096 words a language. */
const TAIL: Record<string, readonly string[]> = Object.fromEntries(
  LANGS.map((lang) => {
    const s = SYLLABLES[lang] as readonly string[];
    return [lang, s.flatMap((a) => s.flatMap((b) => s.map((c) => `${a}${b}${c}`)))];
  }),
);
const SOURCES: readonly SourceName[] = ['x', 'mastodon', 'bluesky'];
const DAY = 86_400_000;

/** mulberry32: a tiny seeded generator, enough for test data. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function createTestCorpus(options: CorpusOptions): TestCorpus {
  const random = seeded(options.seed ?? 13);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  // Rank r is drawn with probability ~1/r: the first tags are on many threads, most on a few.
  const skewed = (n: number) => Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1))) - 1);

  const names = new Set<string>();
  for (let i = 0; names.size < options.tags; i++) {
    const words = WORDS[LANGS[i % LANGS.length] as string] as readonly string[];
    const word = words[Math.floor(i / LANGS.length) % words.length] as string;
    names.add(names.has(word) ? `${word}${i}` : word);
  }
  const tagNames = [...names];
  const authors = Array.from({ length: options.authors }, (_, i) => {
    const source = SOURCES[i % SOURCES.length] as SourceName;
    return { source, id: `u${i}`, handle: `writer_${i}`, name: `Writer ${i}` };
  });
  const end = new Date('2026-11-23T12:00:00Z');
  const start = end.getTime() - 30 * DAY;

  const batches: Post[][] = [];
  const heads: { last: string; author: (typeof authors)[number]; lang: string; tags: string[] }[] = [];
  let batch: Post[] = [];
  let serial = 0;
  const post = (fields: PostInput): Post => postSchema.parse(fields);
  const idOf = (source: SourceName) => `${source}:p${++serial}`;

  for (let t = 0; t < options.threads; t++) {
    const who = authors[skewed(authors.length)] as (typeof authors)[number];
    const lang = pick(LANGS);
    const words = WORDS[lang] as readonly string[];
    const tags = [...new Set(Array.from({ length: int(1, 3) }, () => tagNames[skewed(tagNames.length)] as string))];
    const at = start + Math.floor((t / options.threads) * 30 * DAY);
    const length = int(1, 5);
    let previous: string | undefined;
    const first = idOf(who.source);
    for (let i = 0; i < length; i++) {
      const id = i === 0 ? first : idOf(who.source);
      const marks = i > 0 ? '' : `${random() < 0.4 ? ' thread' : ''}${random() < 0.01 ? ' Ouïghours' : ''} ${tags.map((tag) => `#${tag}`).join(' ')}`;
      const tail = TAIL[lang] as readonly string[];
      const text = `${Array.from({ length: int(6, 16) }, () => (random() < 0.3 ? pick(words) : tail[skewed(tail.length)])).join(' ')}${marks}`;
      batch.push(
        post({
          id,
          source: who.source,
          author: { id: who.id, handle: who.handle, name: who.name },
          text,
          lang,
          hashtags: i === 0 ? tags : [],
          createdAt: new Date(at + i * 60_000).toISOString(),
          url: `https://example.org/${id}`,
          metrics: { likes: int(0, 500), reposts: int(0, 50), replies: int(0, 20) },
          ...(previous ? { replyToId: previous, replyToAuthorId: who.id } : {}),
        }),
      );
      previous = id;
    }
    heads.push({ last: previous as string, author: who, lang, tags });
    // One reply in ten comes from someone else: it is stored but belongs to no thread.
    if (random() < 0.1) {
      const other = pick(authors);
      const id = idOf(other.source);
      batch.push(
        post({
          id,
          source: other.source,
          author: { id: `${other.id}x`, handle: `${other.handle}x`, name: '' },
          text: `${pick(words)} ${pick(words)}`,
          createdAt: new Date(at + 90_000).toISOString(),
          url: `https://example.org/${id}`,
          replyToId: first,
        }),
      );
    }
    if (batch.length >= 400) {
      // Some earlier threads grow in a later batch (their digest "changed" time moves).
      for (let g = 0; g < 5 && heads.length > 50; g++) {
        const grown = heads[int(0, heads.length - 50)] as (typeof heads)[number];
        const id = idOf(grown.author.source);
        batch.push(
          post({
            id,
            source: grown.author.source,
            author: { id: grown.author.id, handle: grown.author.handle, name: grown.author.name },
            text: `${pick(WORDS[grown.lang] as readonly string[])} more`,
            lang: grown.lang,
            hashtags: [],
            createdAt: new Date(at).toISOString(),
            url: `https://example.org/${id}`,
            replyToId: grown.last,
            replyToAuthorId: grown.author.id,
          }),
        );
        grown.last = id;
      }
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length > 0) batches.push(batch);

  const uses = new Map<string, number>();
  for (const head of heads) for (const tag of head.tags) uses.set(tag, (uses.get(tag) ?? 0) + 1);
  const byUse = [...uses].sort((a, b) => b[1] - a[1]).map(([tag]) => tag);
  const threadsOf = new Map<string, number>();
  for (const head of heads) threadsOf.set(head.author.id, (threadsOf.get(head.author.id) ?? 0) + 1);
  const ranked = [...threadsOf].sort((a, b) => b[1] - a[1]);
  const busy = authors.find((a) => a.id === ranked[Math.min(9, ranked.length - 1)]?.[0]) ?? authors[0];
  return {
    batches,
    tagNames,
    commonTag: byUse[0] as string,
    middleTag: byUse[Math.floor(byUse.length / 2)] as string,
    rareTag: byUse[byUse.length - 1] as string,
    commonWord: 'thread',
    rareWord: 'ouighours',
    author: { key: authorKey(busy?.source ?? 'x', busy?.id ?? 'u0'), handle: busy?.handle ?? 'writer_0' },
    end,
  };
}
