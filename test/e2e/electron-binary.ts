/**
 * Is there an Electron binary to launch? `require('electron')` would throw or
 * try to download, so look at what its install step leaves behind instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ElectronBinary {
  path: string | null;
  reason: string;
}

export function findElectronBinary(root = process.cwd()): ElectronBinary {
  if (process.env.KASIR_APP_PATH) {
    return existsSync(process.env.KASIR_APP_PATH)
      ? { path: process.env.KASIR_APP_PATH, reason: 'packaged app from KASIR_APP_PATH' }
      : { path: null, reason: `KASIR_APP_PATH does not exist: ${process.env.KASIR_APP_PATH}` };
  }
  const pkg = join(root, 'node_modules/electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) {
    return { path: null, reason: 'no Electron binary: node_modules/electron/path.txt is missing (binary download skipped or impossible on this machine)' };
  }
  const exe = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? { path: exe, reason: 'installed Electron' } : { path: null, reason: `no Electron binary at ${exe}` };
}
