import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main is ESM (Electron 45 loads ESM mains); the preload
// is CommonJS because sandboxed preloads cannot be ES modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // playwright-core drives the browser shell's Chromium; it stays a package (a devDependency's, never bundled).
      // Pure-JS dependencies made of many ES modules are bundled instead: Node resolved, read, compiled and
      // linked zod's ~100 files (and x509's asn1 packages in the emulator worker) at every start, ~250 ms of
      // the browser shell's services start on this machine (interleaved A/B: services ready 702–775 vs
      // 861–1,049 ms after launch). Native modules (better-sqlite3, keytar) must stay external.
      externalizeDeps: { include: ['playwright-core'], exclude: ['zod', '@peculiar/x509', 'csv-stringify'] },
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // `npm run start:browser` runs this built file with node: the browser shell starts from JavaScript, not tsx.
          'browser-shell': resolve('electron/browser-shell/cli.ts'),
          // The embedded emulator's worker thread (core/emulator-host): its own file, since the
          // packaged app must carry the emulator code although electron-builder.yml leaves emulator/** out.
          'emulator-worker': resolve('electron/main/emulator-worker.ts'),
        },
      },
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
      // electron-vite leaves the renderer unminified by default; the till loads every byte at start-up.
      minify: true,
      sourcemap: false,
      // The till, and the customer-facing display (its own page, no invoke).
      rolldownOptions: { input: { index: resolve('renderer/index.html'), display: resolve('renderer/display.html') } },
    },
  },
});
