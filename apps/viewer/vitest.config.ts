import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Component tests: Testing Library in jsdom. End-to-end tests live in vitest.e2e.config.ts. */
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['./src/test-setup.ts'],
    css: false,
  },
});
