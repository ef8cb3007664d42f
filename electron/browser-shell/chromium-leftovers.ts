/**
 * What a browser shell killed outright (SIGKILL, a power cut) leaves in the
 * temp dir: its `kasir-chromium-*` dir (profile, Chromium's TMPDIR). Its exit
 * hook never ran, and Chromium, which quits once the shell's end of its pipe
 * is gone, does not remove its own profile. Each dir names the shell process
 * that owns it (`owner`: its pid); the next shell to spawn Chromium removes
 * the dirs whose owner no longer runs. A dir without that file (an older
 * shell's, or a test's own `kasir-chromium-test-*`) is never touched.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The prefix of the shell's Chromium dirs in the temp dir. */
export const CHROMIUM_DIR_PREFIX = 'kasir-chromium-';
/** The file in such a dir holding its owner's pid. */
const OWNER_FILE = 'owner';

/** Marks `dir` as this process's (call right after making it). */
export function markOwner(dir: string, pid: number = process.pid): void {
  writeFileSync(join(dir, OWNER_FILE), String(pid));
}

/** Whether `pid` runs (a zombie, exited and not yet reaped, does not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // No /proc to ask: kill(0) said it exists.
  }
}

/** Removes the shell dirs in `tmp` whose owner is gone; returns their names. Never throws. */
export function removeLeftovers(tmp: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(tmp).filter((n) => n.startsWith(CHROMIUM_DIR_PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    let owner: number;
    try {
      owner = Number(readFileSync(join(tmp, name, OWNER_FILE), 'utf8'));
    } catch {
      continue; // Not marked: not ours to judge.
    }
    if (!Number.isInteger(owner) || owner <= 0 || running(owner)) continue;
    try {
      rmSync(join(tmp, name), { recursive: true, force: true, maxRetries: 5, retryDelay: 10 });
      removed.push(name);
    } catch {
      // Still in use somehow; the next start tries again.
    }
  }
  return removed;
}
