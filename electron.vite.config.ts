import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main is ESM (got 14 is ESM-only, Electron 45 loads ESM mains); the preload
// is CommonJS because sandboxed preloads cannot be ES modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: ['got'] },
      rolldownOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        // The till's bridge, and the customer display's receive-only one.
        input: { index: resolve('electron/preload/index.ts'), display: resolve('electron/preload/display.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // The till, and the customer-facing display (its own page, no invoke).
      rolldownOptions: { input: { index: resolve('renderer/index.html'), display: resolve('renderer/display.html') } },
    },
  },
});
