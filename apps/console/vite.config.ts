import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server the dev proxy forwards to; point it at a scratch server with CONSOLE_API_TARGET=http://127.0.0.1:3100.
const apiTarget = process.env.CONSOLE_API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // The dashboard's lazy chunk carries ECharts (about 570 kB before gzip); every other chunk stays far below this.
  // The manifest lets bench/bundle-size.ts measure the entry chunk and everything it imports statically.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700, manifest: true },
  server: {
    port: Number(process.env.CONSOLE_PORT ?? 5174),
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/media': { target: apiTarget, changeOrigin: false },
    },
  },
});
