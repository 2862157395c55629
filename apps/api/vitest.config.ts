import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts the real service (and clustering runs in worker threads).
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
