// Compares feed parsers on the fixture feeds of tests/fixtures/feeds (one per class of issue 15),
// as recorded in docs/adr/0006-feed-parsing-and-sources.md. The candidates are not dependencies:
//   mkdir /tmp/feedeval && cd /tmp/feedeval && npm init -y && \
//     npm i @rowanmanning/feed-parser feedsmith feedparser rss-parser @extractus/feed-extractor
//   npx tsx scripts/compare-feed-parsers.mjs /tmp/feedeval
// Every candidate gets the same bytes decoded by Spool's decodeFeed (none of them reads bytes) and
// the best mapping its public API allows: where it says whether a text is plain or HTML, that is
// honoured; where it does not, the text is read as HTML, as RSS descriptions are.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeFeed } from '../src/sources/feed-charset.ts';
import { htmlToText } from '../src/sources/html-text.ts';

const candidatesDir = process.argv[2] ?? process.cwd();
const requireCandidate = createRequire(`${candidatesDir}/package.json`);
const fixtures = new URL('../tests/fixtures/feeds/', import.meta.url);
const { cases } = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8'));

const squash = (text) => (text ?? '').replace(/\s+/gu, ' ').trim();
const asHtml = (text) => htmlToText(text ?? '');
const byType = (value) => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return asHtml(value);
  const type = (value.type ?? 'text').toLowerCase();
  return type === 'text' || type === 'text/plain' ? (value.value ?? '') : asHtml(value.value);
};

const candidates = {
  '@rowanmanning/feed-parser': async (text, json) => {
    if (json) throw new Error('no JSON Feed support');
    const { parseFeed } = requireCandidate('@rowanmanning/feed-parser');
    return parseFeed(text).items.map((item) => {
      // The library does not say which texts are HTML; its public `element` shows the type attribute.
      const typeOf = (name) => item.element.findElementWithName(name)?.getAttribute('type')?.toLowerCase() ?? null;
      const plain = (type) => type === null || type === 'text' || type === 'text/plain';
      const titleType = typeOf('title');
      const contentType = typeOf('content') ?? typeOf('summary');
      const atom = item.feed.meta.type === 'atom';
      return {
        title: atom && plain(titleType) ? item.title : asHtml(item.title),
        body:
          atom && plain(contentType) && item.content === null
            ? (item.description ?? '')
            : atom && plain(contentType)
              ? item.content
              : asHtml(item.content ?? item.description),
        url: item.url,
      };
    });
  },
  feedsmith: async (text, json) => {
    const { parseFeed } = requireCandidate('feedsmith');
    const { format, feed } = parseFeed(json ? JSON.parse(text) : text);
    if (format === 'json')
      return feed.items.map((i) => ({ title: i.title ?? '', body: i.content_html ? asHtml(i.content_html) : (i.content_text ?? i.summary ?? ''), url: i.url }));
    if (format === 'atom') {
      return feed.entries.map((e) => ({
        title: byType(e.title),
        body: byType(e.content ?? e.summary),
        url: (e.links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href,
      }));
    }
    return feed.items.map((i) => ({
      title: asHtml(i.title ?? i.dc?.titles?.[0]),
      body: asHtml(i.content?.encoded ?? i.description ?? i.dc?.descriptions?.[0]),
      url: i.link,
    }));
  },
  feedparser: async (text, json) => {
    if (json) throw new Error('no JSON Feed support');
    const FeedParser = requireCandidate('feedparser');
    return new Promise((resolve, reject) => {
      const items = [];
      const parser = new FeedParser({});
      parser.on('error', reject);
      parser.on('readable', () => {
        for (let item = parser.read(); item; item = parser.read())
          items.push({ title: asHtml(item.title), body: asHtml(item.description ?? item.summary), url: item.link });
      });
      parser.on('end', () => resolve(items));
      parser.end(text);
    });
  },
  'rss-parser': async (text, json) => {
    if (json) throw new Error('no JSON Feed support');
    const Parser = requireCandidate('rss-parser');
    const feed = await new Parser().parseString(text);
    return feed.items.map((i) => ({
      title: typeof i.title === 'string' ? asHtml(i.title) : '',
      body: asHtml(i['content:encoded'] ?? i.content ?? i.summary),
      url: i.link,
    }));
  },
  '@extractus/feed-extractor': async (text, json) => {
    const { extractFromXml, extractFromJson } = requireCandidate('@extractus/feed-extractor');
    const feed = json ? extractFromJson(JSON.parse(text)) : extractFromXml(text, { descriptionMaxLen: 0 });
    return feed.entries.map((e) => ({ title: asHtml(e.title), body: asHtml(e.description), url: e.link }));
  },
};

const results = {};
for (const [name, parse] of Object.entries(candidates)) {
  results[name] = {};
  for (const c of cases) {
    const bytes = readFileSync(new URL(c.file, fixtures));
    const { text } = decodeFeed(bytes, c.contentType);
    let verdict;
    try {
      const items = await parse(text, c.file.endsWith('.json'));
      const wrong = c.items.flatMap((want, i) => {
        const got = items[i];
        if (!got) return [`item ${i + 1} missing`];
        return [
          ...(squash(got.title) === squash(want.title) ? [] : [`title ${JSON.stringify(squash(got.title))}`]),
          ...(squash(got.body) === squash(want.body) ? [] : [`text ${JSON.stringify(squash(got.body).slice(0, 60))}`]),
          ...(got.url === want.url ? [] : [`url ${JSON.stringify(got.url)}`]),
        ];
      });
      if (items.length !== c.items.length) wrong.push(`${items.length} items`);
      verdict = wrong.length === 0 ? 'pass' : `FAIL ${wrong.join('; ')}`;
    } catch (error) {
      verdict = `FAIL throws: ${error.message.split('\n')[0]}`;
    }
    results[name][c.file] = { class: c.class, verdict };
  }
}

for (const [name, files] of Object.entries(results)) {
  const passed = Object.values(files).filter((r) => r.verdict === 'pass').length;
  console.log(`\n${name}: ${passed}/${cases.length} feeds right`);
  for (const [file, r] of Object.entries(files))
    console.log(`  ${r.verdict === 'pass' ? 'pass' : 'FAIL'}  [${r.class}] ${file}${r.verdict === 'pass' ? '' : `: ${r.verdict.slice(5)}`}`);
}
