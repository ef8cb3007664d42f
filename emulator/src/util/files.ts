/** Small file helpers for the state dir. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Writes via a temp file and rename so a crash mid-write never leaves a
 * truncated key or state file behind for the next start to choke on.
 */
export function writeFileAtomic(path: string, data: string, mode = 0o644): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode });
  renameSync(tmp, path);
}

/** The file's text, or undefined when it does not exist. */
export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
