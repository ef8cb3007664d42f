import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs after `electron-vite build` (npm test builds first). The renderer runs
// sandboxed with no Node: its bundle must not reach for Node or for IPC.
const dir = 'out/renderer';

function bundleFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|mjs|html)$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'module', 'worker_threads', 'zlib', 'stream', 'buffer', 'tls', 'dns', 'util', 'events'];

describe('built renderer bundle', () => {
  it('exists (npm test builds before the unit tests)', () => {
    expect(existsSync(join(dir, 'index.html')), 'run `npm run build` first').toBe(true);
  });

  it('has no Node built-ins, no electron and no ipcRenderer', () => {
    const files = bundleFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/ipcRenderer/);
      expect(code, file).not.toMatch(/require\(\s*["']electron["']\s*\)|from\s*["']electron["']/);
      expect(code, file).not.toMatch(/["']node:[a-z_]+["']/);
      for (const mod of NODE_BUILTINS) {
        expect(code, `${file} requires ${mod}`).not.toMatch(new RegExp(`require\\(\\s*["']${mod}["']\\s*\\)`));
        expect(code, `${file} imports ${mod}`).not.toMatch(new RegExp(`\\bfrom\\s*["']${mod}["']`));
      }
    }
  });

  it('loads no remote script', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).toContain('Content-Security-Policy');
  });
});
