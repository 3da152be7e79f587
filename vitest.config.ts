import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Browser tests poll the page; on a shared 2-core machine a step can take seconds, never minutes.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_REGION: 'eu-central-1',
      KONSULTO_COOKIE_SECRET: 'test-secret-of-at-least-32-characters-0123456789',
      KONSULTO_INSECURE_COOKIES: 'true',
    },
  },
});
