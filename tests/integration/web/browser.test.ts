import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSampleThreads, SAMPLE_FILE } from '../../../src/app/sample/index.ts';
import { jsonlFormat } from '../../../src/sources/jsonl.ts';
import { NOW, fixturePosts, startReader, type Running } from '../../support/web.ts';

/** Debian's package; never a downloaded browser build. `.ci/run` installs it when missing. */
const CHROMIUM = findChromium();
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = new URL('../../../test-artifacts/', import.meta.url);
/** The browser's own function, used inside `evaluate` (the project compiles without the DOM lib). */
declare const getComputedStyle: (element: unknown) => { borderTopLeftRadius: string };

let reader: Running;
let browser: Browser | undefined;
beforeAll(async () => {
  const sample = jsonlFormat.parse(readSampleThreads(), { file: SAMPLE_FILE, fileDate: NOW });
  reader = await startReader([...sample.posts, ...fixturePosts().filter((p) => p.id.startsWith('threadreader:'))]);
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await reader.close();
});

describe('the reader in headless Chromium', () => {
  it('a tag page → "Read 5 posts" opens the thread with every post, styled, no CSP violation', { timeout: 120_000 }, async () => {
    expect(
      CHROMIUM,
      "Chromium is not on PATH and CHROMIUM_PATH is not set: install Debian's package (apt-get install -y chromium; .ci/run does this as root) or point CHROMIUM_PATH at Chrome.",
    ).toBeDefined();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/iu.test(message.text())) violations.push(message.text());
    });
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(reader.base) && !request.url().startsWith('data:')) outside.push(request.url());
    });

    await page.goto(`${reader.base}/tag/xinjiang`);
    expect(await page.locator('h1').innerText()).toBe('Threads about #xinjiang');
    await page.screenshot({ path: new URL('web-tag.png', ARTIFACTS).pathname, fullPage: true });
    // The inline stylesheet is allowed by its hash: the cards are rounded, not the browser's defaults.
    expect(
      await page
        .locator('.card')
        .first()
        .evaluate((el) => getComputedStyle(el).borderTopLeftRadius),
    ).toBe('16px');

    const card = page.locator('.card', { hasText: 'Steppe Notes' });
    await card.getByRole('link', { name: 'Read 5 posts →' }).click();
    await page.waitForURL(`${reader.base}/thread/mastodon%3Am-101-1`);
    const posts = page.locator('ol.posts > li.post');
    expect(await posts.count()).toBe(5);
    const texts = await posts.locator('.body > p').allInnerTexts();
    expect(texts[0]).toContain('A thread on how #Xinjiang cotton reaches European shops');
    expect(texts[4]).toContain('Reading list: the 2024 supply-chain mapping reports');
    for (const post of await posts.all()) expect(await post.isVisible()).toBe(true);
    expect(await page.locator('.end').innerText()).toBe('End of thread · 5 posts');
    await page.screenshot({ path: new URL('web-thread.png', ARTIFACTS).pathname, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${reader.base}/thread/threadreader%3Aabc%2F2`);
    expect(await page.locator('.notice').innerText()).toContain('2 of 18 posts stored.');
    await page.screenshot({ path: new URL('web-thread-phone-dark.png', ARTIFACTS).pathname, fullPage: true });

    expect(violations).toEqual([]);
    expect(outside).toEqual([]);
  });
});
