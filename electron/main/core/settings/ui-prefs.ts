/**
 * The till's UI preferences (today: the language), kept by main in
 * `<dataDir>/ui.json` so a choice survives restarts in both shells — the
 * browser shell's Chromium profile is fresh on every launch, so localStorage
 * alone would forget it. Not settings.json: that file is the owner's, edited by
 * hand, and a bad one stops the start; this one is the app's own, so a broken
 * or unknown file falls back to the defaults instead of stopping the till.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** Languages the till speaks (the renderer's i18n/language.ts LANGUAGES, same order: the first is the default). */
export const UI_LANGUAGES = ['id', 'en'] as const;

/** One of the till's languages. */
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** What ui.json holds; unknown keys from a newer version are dropped, a missing language is the default. */
export const uiPrefsSchema = z.object({
  language: z.enum(UI_LANGUAGES).default('id'),
});

/** The parsed preferences. */
export type UiPrefs = z.output<typeof uiPrefsSchema>;

/** The file's name inside the data dir. */
export const UI_PREFS_FILE = 'ui.json';

/** Why a stored file was not used (logged by the caller; the till goes on with defaults). */
export type UiPrefsProblem = (problem: { file: string; error: unknown }) => void;

/** Reads and writes ui.json; one per till, constructed with the data dir. */
export class UiPrefsStore {
  private readonly file: string;
  private prefs: UiPrefs;

  constructor(dataDir: string, onProblem: UiPrefsProblem = () => {}) {
    this.file = join(dataDir, UI_PREFS_FILE);
    this.prefs = readPrefs(this.file, onProblem);
  }

  /** The language the till shows (the default until someone chose). */
  get language(): UiLanguage {
    return this.prefs.language;
  }

  /** Remembers a language; written atomically (temp file + rename) so a crash mid-write leaves the old file. */
  setLanguage(language: UiLanguage): UiLanguage {
    const next = uiPrefsSchema.parse({ ...this.prefs, language });
    writeAtomically(this.file, JSON.stringify(next, null, 2) + '\n');
    this.prefs = next;
    return next.language;
  }
}

function readPrefs(file: string, onProblem: UiPrefsProblem): UiPrefs {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onProblem({ file, error });
    return uiPrefsSchema.parse({});
  }
  try {
    return uiPrefsSchema.parse(JSON.parse(text));
  } catch (error) {
    onProblem({ file, error });
    return uiPrefsSchema.parse({});
  }
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
