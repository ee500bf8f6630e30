import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.ts';

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
  ])('HTML %j → 400 can\'t parse entities', async (text, reason) => {
    const { status, body } = await send(text);
    expect(status).toBe(400);
    expect(body).toEqual({ ok: false, error_code: 400, description: `Bad Request: can't parse entities: ${reason}` });
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
