import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The explorer page: web/ → build/web/, relative asset paths so `emergence serve` can host it anywhere.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../build/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
