import { describe, expect, it } from 'vitest';
import { authorRefOf, findPostLink, parseAuthorArgument, parsePostLink } from '../../../src/core/index.ts';

describe('post links as people share them', () => {
  it('X, twitter.com, www/mobile, /i/web, trailing /photo/1 and ?s= → the post id', () => {
    for (const link of [
      'https://x.com/steppe_notes/status/1900000000000000002',
      'https://twitter.com/Steppe_Notes/status/1900000000000000002?s=20',
      'https://mobile.twitter.com/steppe_notes/statuses/1900000000000000002',
      'https://x.com/steppe_notes/status/1900000000000000002/photo/1',
    ]) {
      expect(parsePostLink(link), link).toMatchObject({ ok: true, value: { network: 'x', id: '1900000000000000002' } });
    }
    expect(parsePostLink('https://x.com/i/web/status/1900000000000000002')).toEqual({
      ok: true,
      value: { network: 'x', id: '1900000000000000002', user: undefined },
    });
  });

  it('Mastodon on any instance: /@user/ID, /@user@remote/ID, /users/user/statuses/ID → the instance and its own id', () => {
    expect(parsePostLink('https://mastodon.social/@alice/113456789012345678')).toEqual({
      ok: true,
      value: { network: 'mastodon', instance: 'https://mastodon.social', id: '113456789012345678', user: 'alice' },
    });
    expect(parsePostLink('https://fosstodon.org/@bob@mastodon.social/113000000000000001')).toMatchObject({
      ok: true,
      value: { instance: 'https://fosstodon.org', user: 'bob@mastodon.social' },
    });
    expect(parsePostLink('https://social.example/users/carol/statuses/42')).toMatchObject({
      ok: true,
      value: { network: 'mastodon', id: '42', user: 'carol' },
    });
  });

  it('Bluesky: bsky.app/profile/HANDLE or DID/post/RKEY', () => {
    expect(parsePostLink('https://bsky.app/profile/alice.bsky.social/post/3kaaaaaaaaa02')).toEqual({
      ok: true,
      value: { network: 'bluesky', actor: 'alice.bsky.social', rkey: '3kaaaaaaaaa02' },
    });
    expect(parsePostLink('https://bsky.app/profile/did:plc:abc123/post/3kaaaaaaaaa02')).toMatchObject({ ok: true, value: { actor: 'did:plc:abc123' } });
  });

  it('a profile, another site, ftp, not a URL, nothing → unsupported or missing', () => {
    for (const input of [
      'https://x.com/steppe_notes',
      'https://bsky.app/profile/alice.bsky.social',
      'https://example.com/about',
      'ftp://x.com/a/status/1',
      'x.com/a/status/1',
    ]) {
      expect(parsePostLink(input), input).toEqual({ ok: false, failure: { code: 'unroll.unsupported', input } });
    }
    expect(parsePostLink('  ')).toEqual({ ok: false, failure: { code: 'unroll.missing' } });
  });

  it('in a message: the first link that is a post wins, punctuation and <…> around it ignored', () => {
    const words = 'look at this: <https://example.com/x> and (https://mastodon.social/@alice/123456). wow'.split(' ');
    expect(findPostLink(words)).toMatchObject({ ok: true, value: { network: 'mastodon', id: '123456' } });
    expect(findPostLink(['no', 'links', 'here'])).toEqual({ ok: false, failure: { code: 'unroll.no-link' } });
    expect(findPostLink(['x.com/a/status/1'])).toEqual({ ok: false, failure: { code: 'unroll.unsupported', input: 'x.com/a/status/1' } });
    expect(findPostLink(['https://example.com/x'])).toEqual({ ok: false, failure: { code: 'unroll.unsupported', input: 'https://example.com/x' } });
  });
});

describe('authors as people name them', () => {
  it('a bare handle, a Mastodon handle, an X profile, a Bluesky handle, a source-qualified one', () => {
    expect(parseAuthorArgument('@Steppe_Notes')).toEqual({ ok: true, value: { handle: 'steppe_notes' } });
    expect(parseAuthorArgument('@alice@Mastodon.Social')).toEqual({ ok: true, value: { handle: 'alice@mastodon.social' } });
    expect(parseAuthorArgument('@x.com/Alice')).toEqual({ ok: true, value: { handle: 'alice', source: 'x' } });
    expect(parseAuthorArgument('https://twitter.com/alice')).toEqual({ ok: true, value: { handle: 'alice', source: 'x' } });
    expect(parseAuthorArgument('@alice.bsky.social')).toEqual({ ok: true, value: { handle: 'alice.bsky.social' } });
    expect(parseAuthorArgument('@jsonl:alice')).toEqual({ ok: true, value: { handle: 'alice', source: 'jsonl' } });
  });

  it('no handle, spaces, two @s without a domain → author.invalid', () => {
    for (const input of ['@', '@a b', '@a@b', '@<script>'])
      expect(parseAuthorArgument(input), input).toMatchObject({ ok: false, failure: { code: 'author.invalid' } });
  });

  it('authorRefOf names every author unambiguously, and parsing the name gives the author back', () => {
    const cases = [
      { source: 'x', handle: 'alice' },
      { source: 'mastodon', handle: 'alice@mastodon.social' },
      { source: 'bluesky', handle: 'alice.bsky.social' },
      { source: 'sample', handle: 'lieferkette.bsky.social' },
    ];
    expect(cases.map(authorRefOf)).toEqual(['x.com/alice', 'alice@mastodon.social', 'alice.bsky.social', 'sample:lieferkette.bsky.social']);
    for (const author of cases) {
      const parsed = parseAuthorArgument(authorRefOf(author));
      expect(parsed.ok && parsed.value.handle).toBe(author.handle);
    }
  });
});
