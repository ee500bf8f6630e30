import { profileKeyOfUrl } from '../core/index.ts';

const HREF = /href\s*=\s*"([^"]{1,512})"/giu;
const BARE_URL = /https?:\/\/[^\s<>"]{1,500}/giu;

/**
 * Profiles on other networks that a Mastodon account lists among its profile fields (a field's value
 * is HTML: `<a href="https://bsky.app/profile/…" rel="me">`). Only links the core recognises as a
 * profile (X, Bluesky, a Mastodon instance's `/@user`) are kept: they are how one person's cross-posted
 * thread is recognised on two networks (core/identity.ts).
 */
export function profileLinksOf(account: { readonly fields?: readonly { readonly value: string }[] | null | undefined }): string[] {
  const found = new Set<string>();
  for (const field of account.fields ?? []) {
    const urls = [...field.value.matchAll(HREF)].map((m) => m[1] ?? '');
    if (urls.length === 0) urls.push(...[...field.value.matchAll(BARE_URL)].map((m) => m[0]));
    for (const url of urls) {
      const decoded = url.replace(/&amp;/gu, '&');
      if (profileKeyOfUrl(decoded)) found.add(decoded);
    }
  }
  return [...found].slice(0, 8);
}
