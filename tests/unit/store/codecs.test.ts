import { describe, expect, it } from 'vitest';
import { postSchema, threadToJson, type Post } from '../../../src/core/index.ts';
import { buildThread } from '../../../src/core/ingest.ts';
import { decodePost, encodePost } from '../../../src/store/post-codec.ts';
import { encodeThread, readThread } from '../../../src/store/thread-codec.ts';
import { makeChain, makePost } from '../../support/posts.ts';

const variety: Post[] = [
  makePost({ id: 'x:1' }),
  makePost({ id: 'x:2', author: { id: 'a1', handle: 'h', name: '', bot: true }, url: '', media: 3, lang: 'fr' }),
  makePost({ id: 'x:3', replyToId: 'x:2', replyToAuthorId: 'a1', conversationId: 'x:1', hashtags: ['a', 'b'], extraHashtags: ['page'] }),
  makePost({ id: 'x:4', replyToId: 'x:2', replyToAuthorId: 'someone-else', quoteOfId: 'x:9', isRepost: true, declaredThreadLength: 18 }),
  makePost({ id: 'x:5', source: 'jsonl', metrics: { likes: 0, reposts: 7, replies: 0 }, text: 'Наш "тред" 🧵 \\ \n 可可托海', hashtags: [] }),
  postSchema.parse({
    id: 'mastodon:https://m.example/@a/1',
    source: 'mastodon',
    author: { id: 'm', handle: 'a@m.example' },
    text: '',
    createdAt: '2026-11-20T10:00:00+02:00',
  }),
  makePost({
    id: 'x:6',
    author: { id: 'a6', handle: 'steppe', name: 'Steppe', links: ['https://bsky.app/profile/steppe.bsky.social'] },
    media: 2,
    attachments: [
      { url: 'https://img.example/a.jpg', type: 'image', alt: 'A yurt', width: 800, height: 600, bytes: 1234 },
      { url: 'https://img.example/v.mp4', type: 'video', previewUrl: 'https://img.example/v.jpg' },
    ],
    sensitive: true,
    contentWarning: 'camps',
    labels: ['graphic-media'],
  }),
];

describe('stored forms', () => {
  it('a post → encoded without defaults and decoded to the same post, whatever its optional fields', async () => {
    for (const post of variety) expect(decodePost(post.id, encodePost(post)), post.id).toEqual(post);
  });

  it('a post at its defaults → a body of the author, text and date only', async () => {
    const post = postSchema.parse({ id: 'x:9', source: 'x', author: { id: 'a', handle: 'h' }, text: 'hi', createdAt: '2026-11-20T10:00:00Z' });
    expect(encodePost(post)).toBe('{"a":["a","h"],"t":"hi","c":"2026-11-20T10:00:00Z"}');
  });

  it('a thread → its row read back as the same thread, the posts only when asked', async () => {
    const members = makeChain('t', 3, 'a1', { media: 2 });
    const thread = buildThread(members, 1);
    const { head, rest } = encodeThread(thread);
    let restReads = 0;
    const row = { seq: 7, id: thread.id, lang: thread.lang, stored_count: thread.storedCount, first_seen_at: 0, grown_at: 1, head };
    const stored = readThread(row, () => {
      restReads++;
      return rest;
    });
    expect(stored.firstPost).toEqual(thread.posts[0]);
    expect(restReads).toBe(0);
    expect(threadToJson(stored)).toEqual(threadToJson(thread));
    expect(restReads).toBe(1);
    expect(stored.score).toBe(thread.score);
  });

  it('a thread with pictures, a content warning and linked profiles → all of it read back, the picture and warning without the posts', async () => {
    const [first] = variety.filter((p) => p.id === 'x:6');
    const thread = buildThread([first as Post], 0);
    const { head, rest } = encodeThread(thread);
    const stored = readThread({ seq: 1, id: thread.id, lang: thread.lang, stored_count: 1, first_seen_at: 0, grown_at: 0, head }, () => rest);
    expect(stored.image).toEqual({ url: 'https://img.example/a.jpg', type: 'image', alt: 'A yurt', width: 800, height: 600, bytes: 1234 });
    expect(stored.sensitive).toEqual({ warning: 'camps', labels: ['graphic-media'], ageRestricted: true });
    expect(stored.author.links).toEqual(['https://bsky.app/profile/steppe.bsky.social']);
    expect(threadToJson(stored)).toEqual(threadToJson(thread));
  });
});
