import { expect } from 'vitest';
import type { RenderedReply } from '../../src/platforms/telegram/render.ts';
import { visibleLength } from '../../src/platforms/telegram/html.ts';
import { checkTelegramHtml } from '../fakes/telegram/html.ts';
import { validateMessage } from '../fakes/discord/validate.ts';

/**
 * What every outgoing message must be, checked by the fakes' own validators (which refuse what the
 * platforms refuse): shared by the renderer and router fuzz properties.
 */

/** A Telegram message: valid HTML parse mode, 1–4096 characters after entity parsing, well-formed. */
export function expectTelegramMessage(html: string): void {
  expect(html.isWellFormed()).toBe(true);
  const checked = checkTelegramHtml(html);
  if (!checked.ok) throw new Error(`${checked.description}: ${JSON.stringify(html.slice(0, 200))}`);
  expect(checked.text.length, `Spool counted ${visibleLength(html)}: ${JSON.stringify(checked.text.slice(0, 300))}`).toBeLessThanOrEqual(4096);
  expect(checked.text.trim().length).toBeGreaterThan(0);
}

export function expectTelegramReply(rendered: RenderedReply): void {
  expect(rendered.messages.length).toBeGreaterThan(0);
  for (const message of rendered.messages) expectTelegramMessage(message.html);
  for (const button of rendered.keyboard?.inline_keyboard.flat() ?? []) {
    expect(button.text.isWellFormed() && button.text.length > 0).toBe(true);
    const data = 'callback_data' in button ? String(button.callback_data) : '';
    expect(Buffer.byteLength(data, 'utf8')).toBeGreaterThan(0);
    expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(64);
  }
}

/** Where Discord renders mentions (content, embed descriptions): none may survive. */
const MENTION = /@(everyone|here)|<(@|#|\/|a:)/u;
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/iu;

/** A Discord message body: within every limit, mentioning nobody, well-formed. */
export function expectDiscordMessage(message: object): void {
  const body = message as Record<string, unknown> & { content?: string; embeds?: { description?: string }[]; allowed_mentions?: unknown };
  const invalid = validateMessage(body, { create: true });
  if (invalid) throw new Error(`Discord would refuse: ${JSON.stringify(invalid.body)}`);
  expect(body.allowed_mentions).toEqual({ parse: [] });
  expect(MENTION.test(body.content ?? '')).toBe(false);
  for (const embed of body.embeds ?? []) expect(MENTION.test(embed.description ?? '')).toBe(false);
  expect(LONE_SURROGATE_ESCAPE.test(JSON.stringify(body))).toBe(false);
}
