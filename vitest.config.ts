import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Bot tests run real clients against fakes on 127.0.0.1; give them room on a 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Growth checks (tests/support/linear.ts) collect garbage before each timed run, so that a
    // collection owed by earlier work is not charged to the input being measured.
    execArgv: ['--expose-gc'],
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
