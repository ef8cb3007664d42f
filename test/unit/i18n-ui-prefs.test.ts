import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UI_PREFS_FILE, UiPrefsStore } from '../../electron/main/core/settings/ui-prefs';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-ui-prefs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ui.json: the language main remembers', () => {
  it('is Indonesian until someone chose, then the choice survives a new store on the same data dir', () => {
    const dir = dataDir();
    expect(new UiPrefsStore(dir).language).toBe('id');
    expect(new UiPrefsStore(dir).setLanguage('en')).toBe('en');
    expect(new UiPrefsStore(dir).language).toBe('en');
    expect(JSON.parse(readFileSync(join(dir, UI_PREFS_FILE), 'utf8'))).toEqual({ language: 'en' });
    // Atomic write: no temp file is left behind.
    expect(readdirSync(dir)).toEqual([UI_PREFS_FILE]);
  });

  it('falls back to the default, and says why, for a broken or unknown file (never stops the till)', () => {
    const problems: string[] = [];
    for (const text of ['{not json', JSON.stringify({ language: 'fr' })]) {
      const dir = dataDir();
      writeFileSync(join(dir, UI_PREFS_FILE), text);
      const store = new UiPrefsStore(dir, ({ file }) => problems.push(file));
      expect(store.language).toBe('id');
      // A choice made now replaces the bad file.
      store.setLanguage('en');
      expect(new UiPrefsStore(dir).language).toBe('en');
    }
    expect(problems).toHaveLength(2);
  });
});
