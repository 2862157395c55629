import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built viewer served by the real API, driven in headless Chromium. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
