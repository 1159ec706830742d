// Vite build for the browser UI: root is web/, output goes to dist/web where the server serves it.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP forbids inline scripts; keep every asset a file (fonts for KaTeX included).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `vite dev` talks to a running server on its UI port; the cookie still comes from /auth on that server.
    proxy: { '/api': 'http://127.0.0.1:53128', '/auth': 'http://127.0.0.1:53128' },
  },
});
