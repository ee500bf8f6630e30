// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The dependency rule, as lint errors (docs/adr/0001-layers-and-dependency-rule.md, 0006-platforms-as-plug-ins.md):
 * - core imports nothing outside core (and no I/O library);
 * - store, sources, scheduler, web and each platform import core and their own libraries, never each other;
 * - a platform never imports another platform (the list of platforms is read from src/platforms/, so a new
 *   platform folder is covered without touching this file);
 * - only app/ and cli/ wire layers together.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'child_process', 'os', 'url', 'stream', 'readline'];
const layer = (name) => [`**/${name}/**`, `../${name}/**`, `../../${name}/**`, `../${name}`, `../../${name}`];
const wiring = [...layer('app'), ...layer('cli')];
const platformLibraries = ['discord.js', '@discordjs/*', 'grammy', '@grammyjs/*'];
const rule = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];
const platforms = readdirSync(new URL('./src/platforms', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'test-artifacts', 'dist', 'bin/*.mjs', 'scripts/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise nobody awaits is a write that may never happen (the store's ports are asynchronous).
    files: ['src/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/await-thenable': 'error' },
  },
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        Buffer: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
      },
    },
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
        [
          ...nodeBuiltins,
          'better-sqlite3',
          'pg',
          'postgres',
          ...platformLibraries,
          'node-cron',
          'pino',
          'ws',
          'i18next',
          ...layer('store'),
          ...layer('platforms'),
          ...layer('sources'),
          ...layer('web'),
          ...layer('scheduler'),
          ...layer('i18n'),
          ...wiring,
        ],
        'core is pure: it imports nothing outside core (docs/adr/0001); it names messages by key, src/i18n translates them (docs/adr/0010).',
      ),
    },
  },
  {
    files: ['src/i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        [
          ...nodeBuiltins,
          'better-sqlite3',
          'pg',
          ...platformLibraries,
          ...layer('store'),
          ...layer('platforms'),
          ...layer('sources'),
          ...layer('web'),
          ...layer('scheduler'),
          ...wiring,
        ],
        'i18n holds the message catalogues and i18next: it imports core and nothing else (docs/adr/0010).',
      ),
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        [...platformLibraries, ...layer('platforms'), ...layer('sources'), ...layer('web'), ...layer('scheduler'), ...wiring],
        'store imports core and its database drivers only (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/sources/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', 'pg', 'postgres', ...platformLibraries, ...layer('platforms'), ...layer('store'), ...layer('web'), ...layer('scheduler'), ...wiring],
        'sources fetch and parse into core posts; they never touch the store or the platforms (docs/adr/0001).',
      ),
    },
  },
  ...platforms.map((platform) => ({
    files: [`src/platforms/${platform}/**/*.ts`],
    rules: {
      'no-restricted-imports': rule(
        [
          'better-sqlite3',
          'pg',
          'postgres',
          ...layer('store'),
          ...layer('sources'),
          ...layer('web'),
          ...layer('scheduler'),
          ...wiring,
          ...platforms.filter((other) => other !== platform).flatMap((other) => [`../${other}/**`, `../${other}`, `**/platforms/${other}/**`]),
        ],
        `a platform renders core replies and delivers digests; it never touches SQL, sources or another platform (docs/adr/0006).`,
      ),
    },
  })),
  {
    files: ['src/platforms/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', 'pg', 'postgres', ...platformLibraries, ...layer('store'), ...layer('sources'), ...layer('web'), ...layer('scheduler'), ...wiring],
        'the platform interface and registry import no platform library: each platform loads its own when it is configured (docs/adr/0006).',
      ),
    },
  },
  {
    files: ['src/scheduler/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ['better-sqlite3', 'pg', 'postgres', ...platformLibraries, ...layer('store'), ...layer('platforms'), ...layer('sources'), ...layer('web'), ...wiring],
        'the scheduler drives core ports (subscriptions, ledger, publishers); it never touches SQL or a platform (docs/adr/0001).',
      ),
    },
  },
  {
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        [
          'better-sqlite3',
          'pg',
          'postgres',
          ...platformLibraries,
          ...layer('store'),
          ...layer('platforms'),
          ...layer('sources'),
          ...layer('scheduler'),
          ...wiring,
        ],
        'the web reader reads through core ports only (docs/adr/0001).',
      ),
    },
  },
);
