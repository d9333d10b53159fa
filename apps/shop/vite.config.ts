import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server the dev proxy forwards to; point it at a scratch server with SHOP_API_TARGET=http://127.0.0.1:3100.
const apiTarget = process.env.SHOP_API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  // The manifest lets scripts/bundle-size.ts measure the entry chunk and everything it imports statically.
  build: { outDir: 'dist', emptyOutDir: true, manifest: true },
  server: {
    port: Number(process.env.SHOP_PORT ?? 5173),
    strictPort: true,
    proxy: {
      // ws: group chat's WebSocket goes through the same proxy in development.
      '/api': { target: apiTarget, changeOrigin: false, ws: true },
      '/media': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { port: Number(process.env.SHOP_PORT ?? 5173) },
});
