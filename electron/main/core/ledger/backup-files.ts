/**
 * Backup file names, listing and pruning. A name says when (UTC), which
 * schema and why, so the owner can pick a copy from a file manager:
 * `kasir-20261126T150000.000Z-v5-day-close.sqlite` (a second copy in the same
 * millisecond gets `.2`, `.3`, … before `.sqlite`). Only names of this shape
 * are ever listed or pruned: nothing else in the folder is touched.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a copy was taken for: `day-close`, `manual`, … (lowercase words joined by `-`). */
export const BACKUP_REASON = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const NAME = /^kasir-(\d{8}T\d{6}\.\d{3}Z)-v(\d+)-([a-z][a-z0-9-]*?)(?:\.(\d+))?\.sqlite$/;
/** Suffix of a copy being written; never listed, removed if a crash left one. */
export const PARTIAL_SUFFIX = '.partial';

/** One backup copy in the backup folder. */
export interface BackupFile {
  file: string;
  name: string;
  /** ISO-8601 UTC, from the name. */
  takenAt: string;
  schemaVersion: number;
  reason: string;
  /** 1 for the first copy of its millisecond, then 2, 3, … */
  seq: number;
  bytes: number;
}

/** `2026-11-26T15:00:00.000Z` → `20261126T150000.000Z` (no `:` — Windows file names cannot hold one). */
const compact = (iso: string): string => iso.replace(/[-:]/g, '');
const expand = (c: string): string => `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)}T${c.slice(9, 11)}:${c.slice(11, 13)}:${c.slice(13)}`;

/** The file name for a copy taken at `at` (ms) of a ledger at `schemaVersion`. */
export function backupFileName(at: number, schemaVersion: number, reason: string, seq = 1): string {
  if (!BACKUP_REASON.test(reason) || reason.length > 32) throw new Error(`backup reason must be lowercase words joined by "-": ${reason}`);
  return `kasir-${compact(new Date(at).toISOString())}-v${schemaVersion}-${reason}${seq > 1 ? `.${seq}` : ''}.sqlite`;
}

/** What a backup file name says, or null for any other name. */
export function parseBackupName(name: string): Omit<BackupFile, 'file' | 'bytes'> | null {
  const m = NAME.exec(name);
  if (!m) return null;
  return { name, takenAt: expand(m[1]!), schemaVersion: Number(m[2]), reason: m[3]!, seq: m[4] ? Number(m[4]) : 1 };
}

/** The copies in `dir`, newest first; [] when the folder does not exist. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = join(dir, name);
    out.push({ ...parsed, file, bytes: statSync(file).size });
  }
  return out.sort((a, b) => (a.takenAt === b.takenAt ? b.seq - a.seq : a.takenAt < b.takenAt ? 1 : -1));
}

/** Deletes the oldest copies beyond `keep`; returns the names it deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const stale = listBackups(dir).slice(Math.max(1, Math.trunc(keep)));
  for (const b of stale) rmSync(b.file, { force: true });
  return stale.map((b) => b.name);
}

/** Removes copies a crash left half-written (`kasir-….sqlite.partial`). */
export function removePartials(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('kasir-') && name.endsWith(PARTIAL_SUFFIX)) rmSync(join(dir, name), { force: true });
  }
}
