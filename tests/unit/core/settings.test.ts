import { describe, expect, it } from 'vitest';
import { createMemoryChatSettings, languageCommand, presentationOf, settingsCommand, withholdFor, type ChatContext } from '../../../src/core/index.ts';
import { createSqliteStores, openDatabase } from '../../../src/store/index.ts';
import { fixedClock } from '../../support/posts.ts';

const ctx: ChatContext = { platform: 'telegram', chatId: '-100', deliverable: true, isAdmin: async () => true, botCanPost: async () => true };

describe('/settings and /language', () => {
  it.each([
    [[], undefined],
    [['media', 'off'], { media: false }],
    [['MEDIA', 'On'], { media: true }],
    [['sensitive', 'skip'], { sensitive: 'skip' }],
    [['languages', 'en,FR,pt-BR'], { threadLanguages: ['en', 'fr', 'pt'] }],
    [['languages', 'all'], { threadLanguages: [] }],
  ])('%j → %j', (args, patch) => {
    expect(settingsCommand.parse(args)).toEqual({ ok: true, value: patch });
  });

  it.each([[['media']], [['media', 'maybe']], [['sensitive', 'blur']], [['languages', 'klingon']], [['colour', 'red']], [['media', 'on', 'now']]])(
    '%j → one settings.invalid failure',
    (args) => {
      expect(settingsCommand.parse(args)).toEqual({ ok: false, failure: { code: 'settings.invalid', input: args.join(' ') } });
    },
  );

  it('/language fr, auto, xx → a locale, a cleared language, a failure naming the four', () => {
    expect(languageCommand.parse(['fr-CA'])).toEqual({ ok: true, value: 'fr' });
    expect(languageCommand.parse(['auto'])).toEqual({ ok: true, value: null });
    expect(languageCommand.parse(['xx'])).toEqual({ ok: false, failure: { code: 'language.unsupported', input: 'xx', supported: ['en', 'fr', 'it', 'de'] } });
  });

  it('a change → stored, shown back; the chat language wins over the platform’s, which wins over English', async () => {
    const services = { chatSettings: createMemoryChatSettings() } as never;
    const reply = await settingsCommand.run({ sensitive: 'show' }, ctx, services, {});
    expect(reply).toMatchObject({ kind: 'settings', changed: true, settings: { media: true, sensitive: 'show', threadLanguages: [] } });
    await languageCommand.run('de', ctx, services, {});
    const settings = await (services as { chatSettings: ReturnType<typeof createMemoryChatSettings> }).chatSettings.get(ctx);
    expect(presentationOf(settings, 'fr').locale).toBe('de');
    expect(presentationOf({ ...settings, language: undefined }, 'fr-FR').locale).toBe('fr');
    expect(presentationOf({ ...settings, language: undefined }, 'ja').locale).toBe('en');
  });

  it('SQLite: settings survive a reopen of the database; a chat that changed nothing has the defaults', async () => {
    const db = openDatabase(':memory:');
    const stores = createSqliteStores(db, fixedClock());
    expect(await stores.chatSettings.get(ctx)).toEqual({ media: true, sensitive: 'spoiler', threadLanguages: [] });
    await stores.chatSettings.update(ctx, { media: false, language: 'it', threadLanguages: ['it', 'en'] });
    await stores.chatSettings.update(ctx, { sensitive: 'skip' });
    const again = createSqliteStores(db, fixedClock());
    expect(await again.chatSettings.get(ctx)).toEqual({ media: false, sensitive: 'skip', language: 'it', threadLanguages: ['it', 'en'] });
    await again.chatSettings.update(ctx, { language: null });
    expect((await again.chatSettings.get(ctx)).language).toBeUndefined();
    expect(await again.chatSettings.get({ platform: 'discord', chatId: '-100' })).toEqual({ media: true, sensitive: 'spoiler', threadLanguages: [] });
    db.close();
  });

  it('withholding: age-restricted never where not allowed (even with show), sensitive only with skip', () => {
    const items = [{ id: 1 }, { id: 2, sensitive: { labels: [], ageRestricted: false } }, { id: 3, sensitive: { labels: ['porn'], ageRestricted: true } }];
    expect(withholdFor(items, { sensitive: 'show', ageRestrictedAllowed: false })).toEqual({
      kept: [items[0], items[1]],
      withheld: { sensitive: 0, ageRestricted: 1 },
    });
    expect(withholdFor(items, { sensitive: 'skip', ageRestrictedAllowed: true })).toEqual({ kept: [items[0]], withheld: { sensitive: 2, ageRestricted: 0 } });
    expect(withholdFor(items, { sensitive: 'spoiler', ageRestrictedAllowed: true }).kept).toHaveLength(3);
  });
});
