import { describe, expect, it } from 'vitest';
import { makePost } from '../../../support/posts.ts';
import { openWith, type ContractEngine } from './engine.ts';

/** Chat settings and what issue 17 stores with posts and threads: every engine keeps them the same. */
export function digestsContract(engine: ContractEngine): void {
  const stores = (start?: string) => openWith(engine, start);

  describe(`${engine.name} store contract: chat settings`, () => {
    it('a chat that changed nothing → the defaults; patches accumulate; a cleared language is gone; chats are apart', async () => {
      const s = await stores();
      const chat = { platform: 'telegram', chatId: '-1001' };
      expect(await s.chatSettings.get(chat)).toEqual({ media: true, sensitive: 'spoiler', threadLanguages: [] });
      expect(await s.chatSettings.update(chat, { media: false, language: 'fr' })).toEqual({
        media: false,
        sensitive: 'spoiler',
        language: 'fr',
        threadLanguages: [],
      });
      await s.chatSettings.update(chat, { sensitive: 'skip', threadLanguages: ['fr', 'en'] });
      expect(await s.chatSettings.get(chat)).toEqual({ media: false, sensitive: 'skip', language: 'fr', threadLanguages: ['fr', 'en'] });
      await s.chatSettings.update(chat, { language: null });
      expect((await s.chatSettings.get(chat)).language).toBeUndefined();
      expect(await s.chatSettings.get({ platform: 'discord', chatId: '-1001' })).toEqual({ media: true, sensitive: 'spoiler', threadLanguages: [] });
    });
  });

  describe(`${engine.name} store contract: pictures and sensitivity`, () => {
    it('a post with attachments, a content warning and labels → the thread keeps its picture, sensitivity and the posts’ media', async () => {
      const s = await stores();
      await s.posts.ingest([
        makePost({
          id: 'x:m1',
          author: { id: 'a1', handle: 'steppe', name: '', links: ['https://bsky.app/profile/steppe.bsky.social'] },
          media: 1,
          attachments: [{ url: 'https://img.example/a.jpg', type: 'image', alt: 'A yurt', width: 800, height: 600 }],
          contentWarning: 'camps',
          sensitive: true,
          labels: ['nudity'],
        }),
      ]);
      const listed = (await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 5 })).threads[0];
      expect(listed?.image).toEqual({ url: 'https://img.example/a.jpg', type: 'image', alt: 'A yurt', width: 800, height: 600 });
      expect(listed?.sensitive).toEqual({ warning: 'camps', labels: ['nudity'], ageRestricted: true });
      expect(listed?.author.links).toEqual(['https://bsky.app/profile/steppe.bsky.social']);
      const whole = await s.threads.getThread('x:m1');
      expect(whole?.posts[0]?.attachments).toEqual([{ url: 'https://img.example/a.jpg', type: 'image', alt: 'A yurt', width: 800, height: 600 }]);
    });

    it('a page used in part → the cursor after any of its threads starts the next page right there', async () => {
      const s = await stores();
      await s.posts.ingest(
        Array.from({ length: 6 }, (_, i) =>
          makePost({ id: `x:p${i}`, author: { id: `a${i}`, handle: `h${i}`, name: '' }, createdAt: `2026-11-2${i}T10:00:00Z` }),
        ),
      );
      const page = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 4 });
      const after = page.cursorAfter?.(1) ?? undefined;
      expect(after).toEqual(expect.any(String));
      const next = await s.threads.threadsByTag({ tag: 'xinjiang', sort: 'recent', limit: 4, cursor: after ?? undefined });
      expect(next.threads.slice(0, 2).map((t) => t.id)).toEqual(page.threads.slice(2, 4).map((t) => t.id));
      expect(page.cursorAfter?.(3)).toBe(page.nextCursor);
    });
  });
}
