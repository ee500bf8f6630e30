import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram/server.ts';

// The fake must reject what Telegram rejects, or the bot tests prove nothing.
let fake: FakeTelegram;
beforeAll(async () => {
  fake = await startFakeTelegram();
});
afterAll(async () => {
  await fake.close();
});

async function call(method: string, payload: object, token = fake.token): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const send = (text: string, extra: object = {}) => call('sendMessage', { chat_id: 5, text, parse_mode: 'HTML', ...extra });

describe('fake Telegram Bot API', () => {
  it.each([
    ['<script>x</script>', 'Unsupported start tag "script" at byte offset 0'],
    ['Tom & Jerry', 'Character entity expected at byte offset 4'],
    ['a &nbsp; b', 'Character entity expected at byte offset 2'],
    ['<b>open', `Can't find end tag corresponding to start tag "b"`],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['1 > 0', 'Unexpected ">" at byte offset 2'],
    ['<A2>', 'Unsupported start tag "a2" at byte offset 0'],
    ['<span class="spoiler">x</span>', 'Unsupported start tag "span" at byte offset 0'],
    ['<tg-spoiler>open', `Can't find end tag corresponding to start tag "tg-spoiler"`],
    ['<code><tg-spoiler>x</tg-spoiler></code>', "code entities can't contain other entities at byte offset 6"],
    ['<a href="https://a.test/"><a href="https://b.test/">x</a></a>', "text_link entities can't contain text_link entities at byte offset 26"],
    ['<blockquote><blockquote>x</blockquote></blockquote>', "blockquote entities can't be nested at byte offset 12"],
  ])("HTML %j → 400 can't parse entities", async (text, reason) => {
    const { status, body } = await send(text);
    expect(status).toBe(400);
    expect(body).toEqual({ ok: false, error_code: 400, description: `Bad Request: can't parse entities: ${reason}` });
  });

  it('<tg-spoiler> and <span class="tg-spoiler"> holding text and a link → accepted as spoiler entities, as Telegram does', async () => {
    const { body } = await send(
      '<b>⚠️ CW</b>\n<tg-spoiler>hidden &amp; <a href="https://x.test/p.jpg">🖼 alt</a></tg-spoiler> <span class="tg-spoiler">two</span>',
    );
    expect(body.ok).toBe(true);
    const sent = fake.messages.at(-1);
    expect(sent?.entities?.filter((e) => e.type === 'spoiler').map((e) => e.text)).toEqual(['hidden & 🖼 alt', 'two']);
    expect(sent?.entities?.find((e) => e.type === 'text_link')).toEqual({ type: 'text_link', text: '🖼 alt', url: 'https://x.test/p.jpg' });
  });

  it('link_preview_options with a picture URL → accepted; a javascript: URL → 400', async () => {
    expect((await send('text', { link_preview_options: { url: 'https://x.test/p.jpg', prefer_large_media: true, show_above_text: false } })).body.ok).toBe(
      true,
    );
    expect((await send('text', { link_preview_options: { url: 'javascript:alert(1)' } })).status).toBe(400);
  });

  it('escaped text, allowed tags and numeric entities → accepted, length counted after parsing', async () => {
    const { body } = await send(`<b>&lt;A2&gt; &amp; &quot;&#129525;</b> <a href="https://x.test/?a=1&amp;b=2">link</a>`);
    expect(body.ok).toBe(true);
    expect((body.result as { text: string }).text).toBe('<A2> & "🧵 link');
    expect((await send(`<b>${'x'.repeat(4096)}</b>`)).body.ok).toBe(true);
  });

  it('4097 visible characters → 400 message is too long', async () => {
    expect((await send('y'.repeat(4097))).body.description).toBe('Bad Request: message is too long');
  });

  it('callback_data of 65 bytes → 400 BUTTON_DATA_INVALID', async () => {
    const markup = { inline_keyboard: [[{ text: 'next', callback_data: 'é'.repeat(33) }]] };
    expect((await send('page', { reply_markup: markup })).body.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('a wrong token → 401 Unauthorized', async () => {
    expect(await call('getMe', {}, '1:wrong')).toEqual({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
  });

  it('getUpdates with a timeout → held until an update arrives, and offset confirms it', async () => {
    const pending = call('getUpdates', { offset: 0, timeout: 5 });
    fake.sendText({ chat: { id: 9, type: 'private' }, from: { id: 9, is_bot: false, first_name: 'U' }, text: '/help' });
    const first = (await pending).body.result as { update_id: number }[];
    expect(first).toHaveLength(1);
    const next = first[0]?.update_id ?? 0;
    expect((await call('getUpdates', { offset: next + 1, timeout: 0 })).body.result).toEqual([]);
  });
});
