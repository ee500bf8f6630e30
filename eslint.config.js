// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The dependency rule, as lint errors (see docs/adr/0001-layers-and-dependency-rule.md):
 * core imports nothing outside core; store, sources, bots/* and web import core and their own
 * libraries, never each other; only main.ts, cli.ts and compose.ts wire layers together.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'child_process', 'os', 'url', 'stream', 'readline'];
const layer = (name) => [`**/${name}/**`, `../${name}/**`, `../../${name}/**`];
const rule = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'test-artifacts', 'dist', 'bin/*.mjs', 'scripts/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        [...nodeBuiltins, 'better-sqlite3', 'discord.js', 'grammy', '@grammyjs/*', 'node-cron', 'pino', 'ws', ...layer('store'), ...layer('bots'), ...layer('sources'), ...layer('web'), '../config*', '../main*', '../cli*'],
        'core is pure: it imports nothing outside core (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['discord.js', 'grammy', '@grammyjs/*', ...layer('bots'), ...layer('sources'), ...layer('web'), '../config*', '../main*', '../cli*'],
        'store imports core and better-sqlite3 only (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/sources/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', 'discord.js', 'grammy', '@grammyjs/*', ...layer('bots'), ...layer('store'), ...layer('web'), '../main*', '../cli*'],
        'sources fetch and parse into core posts; they never touch the store or the bots (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/bots/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', ...layer('store'), ...layer('sources'), ...layer('web'), '../../main*', '../../cli*'],
        'bots render core replies and never touch SQL or sources (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/bots/telegram/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', 'discord.js', '@discordjs/*', '**/discord/**', '../discord/**', ...layer('store'), ...layer('sources'), ...layer('web')],
        'the Telegram bot never imports Discord, the store or the sources (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/bots/discord/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', 'grammy', '@grammyjs/*', '**/telegram/**', '../telegram/**', ...layer('store'), ...layer('sources'), ...layer('web')],
        'the Discord bot never imports Telegram, the store or the sources (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/scheduler/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', 'discord.js', 'grammy', '@grammyjs/*', ...layer('store'), ...layer('bots'), ...layer('sources'), ...layer('web')],
        'the scheduler drives core ports (subscriptions, ledger, publishers); it never touches SQL or a platform (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', 'discord.js', 'grammy', '@grammyjs/*', ...layer('store'), ...layer('bots'), ...layer('sources')],
        'the web reader reads through core ports only (docs/adr/0001).',
      ),
    },
  },
);
