import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The viewer is served by the API on the same port; `vite dev` proxies the API to a local server. */
export default defineConfig({
  base: '/',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: { '/v1': { target: process.env.KINDRED_API_URL ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
