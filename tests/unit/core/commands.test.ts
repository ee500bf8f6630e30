import { describe, expect, it } from 'vitest';
import { argsFromOptions, CORE_COMMANDS, SUBSCRIPTION_COMMANDS, UNROLL_COMMANDS, usageOf } from '../../../src/core/index.ts';

describe('commands declared once', () => {
  it('usage lines come from the declared options: required in <>, optional in [], choices spelled out, the chat option left out', () => {
    const usages = [...CORE_COMMANDS, ...UNROLL_COMMANDS, ...SUBSCRIPTION_COMMANDS].map(usageOf);
    expect(usages).toEqual([
      '/threads <hashtag|@handle> [recent|best]',
      '/related <hashtag>',
      '/search <words…>',
      '/digest <hashtag>',
      '/unroll <link…>',
      '/subscribe <hashtag|@handle> [HH:MM] [zone] [options…]',
      '/unsubscribe <hashtag|@handle>',
      '/subscriptions',
    ]);
  });

  it('typed option values (a slash command) → the words the router parses, in declared order, absent ones left out', () => {
    const subscribe = SUBSCRIPTION_COMMANDS[0];
    const values: Record<string, string> = { hashtag: 'xinjiang', timezone: 'Europe/Oslo', channel: '123', options: 'lang:en  min:3' };
    expect(subscribe && argsFromOptions(subscribe, (name) => values[name])).toEqual(['xinjiang', 'Europe/Oslo', 'lang:en', 'min:3']);
  });

  it('commands that change a chat declare their preconditions as data', () => {
    expect(Object.fromEntries(SUBSCRIPTION_COMMANDS.map((c) => [c.name, c.preconditions]))).toEqual({
      subscribe: ['deliverable-chat', 'chat-admin', 'bot-can-post-in-target'],
      unsubscribe: ['deliverable-chat', 'chat-admin'],
      subscriptions: ['deliverable-chat'],
    });
    expect(CORE_COMMANDS.every((c) => (c.preconditions ?? []).length === 0)).toBe(true);
  });
});
