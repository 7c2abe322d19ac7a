import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The agent console: a static bundle served by the local stack (infra/local/console-server.ts) and by CloudFront in AWS.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or styles: the CSP allows only files from the console's own origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
});
