import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests start the real command as a child process; on a busy 2-core machine that takes seconds.
    testTimeout: 30_000,
  },
});
