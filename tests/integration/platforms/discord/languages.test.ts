import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../fakes/discord/index.ts';
import { makeChain } from '../../../support/posts.ts';
import { startHarness, type Harness } from '../../../support/discord-bot.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(makeChain('cotton', 3, 'a1', { lang: 'en' }), { settings: true });
});
afterAll(async () => {
  await h.close();
});

type Answer = { content: string; embeds?: { title?: string; footer?: { text: string } }[]; components?: { components: { label: string }[] }[]; flags?: number };
async function slash(name: string, options: Record<string, string>, locale?: string): Promise<Answer> {
  const sent = h.fake.slash(name, options, { guildId: h.guild, channelId: h.channel, permissions: PERMISSIONS.manageChannels, ...(locale ? { locale } : {}) });
  return (await sent.answered()).callbacks[0]?.data as Answer;
}

describe('Discord speaks the member’s language, then the chat’s', () => {
  it('registered commands → names, descriptions, option descriptions and choices localized for fr, it, de (English names still what Discord sends)', () => {
    const threads = h.fake.commands(h.guild).find((c) => c['name'] === 'threads') as Record<string, unknown> & { options: Record<string, unknown>[] };
    expect(threads['name_localizations']).toEqual({ fr: 'fils', it: 'thread', de: 'threads' });
    expect(threads['description_localizations']).toMatchObject({ fr: 'Les fils les plus récents (ou les meilleurs) sur un hashtag, ou d’un @auteur' });
    const sort = threads.options.find((o) => o['name'] === 'sort') as {
      choices: { value: string; name_localizations: Record<string, string> }[];
      description_localizations: Record<string, string>;
    };
    expect(sort.choices.find((c) => c.value === 'best')?.name_localizations).toEqual({ fr: 'les meilleurs', it: 'migliori', de: 'beste' });
    expect(sort.description_localizations['it']).toBe('Prima i più recenti (predefinito) o i migliori');
    const settings = h.fake.commands(h.guild).find((c) => c['name'] === 'settings');
    expect(settings?.['name_localizations']).toEqual({ fr: 'réglages', it: 'impostazioni', de: 'einstellungen' });
  });

  it('a member whose Discord is in Italian → the answer in Italian: header, cards, buttons', async () => {
    const answer = await slash('threads', { hashtag: 'xinjiang' }, 'it');
    expect(answer.content).toBe('Thread su #xinjiang — i più recenti (1)');
    expect(answer.embeds?.[0]?.title).toBe('🧵 3 post');
    expect(answer.embeds?.[0]?.footer?.text).toBe('lingua: en');
    expect(answer.components?.[0]?.components.map((b) => b.label)).toEqual(['Migliori']);
  });

  it('/language fr → the channel speaks French to everyone, an English client too; a mistake gets a French sentence', async () => {
    expect((await slash('language', { language: 'fr' }, 'en-US')).content).toContain('**Enregistré. Réglages de ce chat :**\nImages : oui');
    expect((await slash('threads', { hashtag: 'xinjiang' }, 'en-US')).content).toBe('Fils sur #xinjiang — les plus récents (1)');
    const failure = await slash('threads', { hashtag: 'nosuchtag' }, 'de');
    expect(failure.flags).toBe(64);
    expect(failure.content).toBe('Pas encore de fils sur #nosuchtag.');
  });
});
