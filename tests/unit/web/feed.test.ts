import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, fixturePosts, startReader, threadPosts, type Running } from '../../support/web.ts';

let reader: Running;
beforeAll(async () => {
  reader = await startReader(
    [...fixturePosts(), ...threadPosts({ root: 'x:ctl', handle: 'ctl', texts: ['bell \u0007 and escape \u001b in a feed #xinjiang'] })],
    { publicUrl: 'https://reader.example/spool/' },
  );
});
afterAll(async () => {
  await reader.close();
});

interface Item {
  title: string;
  link: string;
  guid: { '#text': string };
  description: string;
  pubDate: string;
}

async function feed(path: string) {
  const res = await fetch(reader.base + path);
  const xml = await res.text();
  return { res, xml };
}

describe('RSS feed', () => {
  it('a known tag → well-formed RSS 2.0 with one item per thread, linking to the reader', async () => {
    const { res, xml } = await feed('/tag/xinjiang/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      rss: { version: string; channel: { title: string; link: string; item: Item[] } };
    };
    expect(doc.rss.version).toBe('2.0');
    expect(doc.rss.channel.title).toBe('Threads about #xinjiang · Spool');
    expect(doc.rss.channel.link).toBe('https://reader.example/spool/tag/xinjiang');
    const links = doc.rss.channel.item.map((i) => i.link);
    expect(links).toContain('https://reader.example/spool/thread/threadreader%3Aabc%2F2');
    expect(links).toContain('https://reader.example/spool/thread/bluesky%3Adid%3Aplc%3Ax-1');
    expect(doc.rss.channel.item).toHaveLength(5);
    for (const item of doc.rss.channel.item) expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
  });

  it('hostile text and control characters → still valid XML, the text intact as data', async () => {
    const { xml } = await feed('/tag/xinjiang/feed.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.includes('\u0007') || xml.includes('\u001b')).toBe(false);
    const doc = new XMLParser({ processEntities: true, htmlEntities: false }).parse(xml) as { rss: { channel: { item: Item[] } } };
    const hostile = doc.rss.channel.item.find((i) => i.link.endsWith('x%3A666'));
    expect(hostile?.title).toContain('<script>alert(1)</script>');
    // The description is HTML carried as text: the post's own markup is escaped once more inside it.
    expect(hostile?.description).toContain(
      `<p>#Xinjiang ${HOSTILE.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&#39;')}</p>`,
    );
  });

  it('a partial thread → its description says how many posts are stored', async () => {
    const { xml } = await feed('/tag/%E5%8F%AF%E5%8F%AF%E6%89%98%E6%B5%B7/feed.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('2 of 18 posts stored.');
  });

  it('an unknown tag → 404 with the sentence; an invalid one → 400', async () => {
    const unknown = await feed('/tag/xinjang/feed.xml');
    expect(unknown.res.status).toBe(404);
    expect(unknown.xml).toBe('No threads about #xinjang yet. Closest known: #xinjiang.\n');
    expect((await feed('/tag/a-b/feed.xml')).res.status).toBe(400);
  });
});
