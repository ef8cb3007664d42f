/**
 * Shipped migration steps are frozen: a till that ran step N keeps what step
 * N made, so its text may never change. Each step's sha256 is pinned here.
 * Adding a step means appending its checksum below (ledger/README.md); a
 * failure on an existing line means a shipped step was edited: undo the edit
 * and write a new step instead.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type MigrationStep } from '../../electron/main/core/ledger';

/** One line per shipped step, in order: never edit a line, only append. */
const SHIPPED: readonly { version: number; kind: MigrationStep['kind']; sha256: string }[] = [
  { version: 1, kind: 'plain', sha256: 'a82bbf1cc182d8238d70b08770e54c22e46e950e17c89a5f0335302a4d2d2940' }, // ad8103c
  { version: 2, kind: 'plain', sha256: '07a6ca23f79660f4e06519d90ff0bcad84af3bb151e1b8eab109f7fac708cbf0' }, // 64ef9d1
  { version: 3, kind: 'plain', sha256: '531a919c9af9326502582028213c0071372b6be8564e8b1a70dbc36def4060bb' }, // 36bb4ed
  { version: 4, kind: 'rebuild', sha256: '3d671b6de8eccb1bf551f6254ea59d40fd7600f1619beb7fd6bd2a22d2be261f' },
  { version: 5, kind: 'plain', sha256: 'fcbc9a0c4a881218139ba644b36ff847f99e6ddf9eb22f235c854ab1c9191bb4' },
  { version: 6, kind: 'plain', sha256: '92dfd87d209b202faad3374436220a6f282fa27f9d9c38a4af7bcdd1be91e25f' },
  { version: 7, kind: 'plain', sha256: '059b824eae01948f52a171ecd673eb24bb8a2ab5c33dd3c5577c1d4ecf265ea4' },
  { version: 8, kind: 'plain', sha256: 'b3bd46e93497f306082990ee1375c84e709c4fec8c3d59799ddfcd93269ac1fd' },
  { version: 9, kind: 'plain', sha256: '5beb498f492d24dfad5a53413fbfd2210e2c582aae3052af07d62f168797d56c' },
  { version: 10, kind: 'plain', sha256: '1e88beeaf3c6031330676de5159408578c09704ff5857be5d8ea4324140ae182' }, // H1: raw payloads slimmed (issue 12)
  { version: 11, kind: 'plain', sha256: '16a012250d9d302b56af564e9b85692655ff094bffddb57131ac860fdf1c0c83' }, // H3: report covering indexes (H1's v10 line goes above)
  { version: 12, kind: 'plain', sha256: 'adeea7123a434b6ed0da26a2d819e03f437a2cb28292a656b037605071aa78a2' }, // H1b: outbox prunable once published, closed sales compacted (issue 12)
  { version: 13, kind: 'plain', sha256: '20008746346e7437cbb8426a463b28dff82e3a5bc0e26f337329317b9c49fbf1' }, // maintenance takes in only what is new (issue 12)
  { version: 14, kind: 'plain', sha256: '96202687138deaf232b4946b76f8c1a40844a10cf412b8a6bac784c38a7f467a' }, // tender_followups: the abandoned tenders still followed (issue 12: start-up)
  { version: 15, kind: 'plain', sha256: 'eeb3ff6fbd6122417deb50264b2a496eeda0c3b96e0c856fa5fc7af41f15c4f8' }, // report slots kept by triggers (issue 12: day reports at 30k a day)
  { version: 16, kind: 'plain', sha256: '81905bcc4e4c214e5ea4ecbf42c2bb7fe45305b2a87fff00bb3106dc75f1ef86' }, // the outbox buffers the open day only (issue 12: ledger growth)
];

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('shipped migration steps are frozen', () => {
  it('every step has a pinned checksum (a new step appends one)', () => {
    expect(MIGRATIONS.map((_, i) => i + 1)).toEqual(SHIPPED.map((s) => s.version));
  });

  it.each(SHIPPED)('step v$version is byte for byte what shipped', ({ version, kind, sha256: pinned }) => {
    const step = MIGRATIONS[version - 1]!;
    expect(step.kind, `kind of step v${version}`).toBe(kind);
    expect(sha256(step.sql), `sha256 of step v${version}: a shipped step was edited`).toBe(pinned);
  });

  it('the checksum notices a one-character edit anywhere in a step', () => {
    const sql = MIGRATIONS[0]!.sql;
    const at = sql.indexOf('total > 0');
    const edited = `${sql.slice(0, at)}total >= 0${sql.slice(at + 'total > 0'.length)}`;
    expect(edited.length).toBe(sql.length + 1);
    expect(sha256(edited)).not.toBe(SHIPPED[0]!.sha256);
    const oneChar = sql.slice(0, -2) + (sql.at(-2) === ' ' ? '\t' : ' ') + sql.slice(-1);
    expect(sha256(oneChar)).not.toBe(SHIPPED[0]!.sha256);
  });

  it('steps are plain literals: no interpolation, no imports in migrations.ts', () => {
    const source = readFileSync(new URL('../../electron/main/core/ledger/migrations.ts', import.meta.url), 'utf8');
    expect(source).not.toContain('${');
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});
