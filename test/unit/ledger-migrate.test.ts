/**
 * The migration runner: plain steps in one transaction each; table-rebuild
 * steps with foreign keys off around the transaction and
 * `PRAGMA foreign_key_check` before it commits (SQLite's 12-step ALTER).
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerMigrationError, LedgerTooNewError, migrate, schemaVersion, type MigrationStep } from '../../electron/main/core/ledger';

const BASE: MigrationStep[] = [
  {
    kind: 'plain',
    sql: `
  CREATE TABLE parents (id TEXT PRIMARY KEY, size INTEGER NOT NULL CHECK (size > 0)) STRICT;
  CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES parents(id)) STRICT;
  CREATE INDEX children_parent ON children(parent_id);
  CREATE TRIGGER parents_no_delete BEFORE DELETE ON parents WHEN old.size > 100
    BEGIN SELECT RAISE(ABORT, 'big parents stay'); END;
  INSERT INTO parents VALUES ('a', 1), ('b', 200);
  INSERT INTO children (parent_id) VALUES ('a'), ('b');
  `,
  },
];

/** Relaxes `size > 0` to `size >= 0`: only a rebuild can change a CHECK. */
const relaxSize = (keep: string): string => `
  CREATE TABLE new_parents (id TEXT PRIMARY KEY, size INTEGER NOT NULL CHECK (size >= 0)) STRICT;
  INSERT INTO new_parents SELECT id, size FROM parents WHERE ${keep};
  DROP TABLE parents;
  ALTER TABLE new_parents RENAME TO parents;
  CREATE TRIGGER parents_no_delete BEFORE DELETE ON parents WHEN old.size > 100
    BEGIN SELECT RAISE(ABORT, 'big parents stay'); END;
  `;

describe('migrate', () => {
  const dbs: BetterSqlite3.Database[] = [];
  const fresh = (): BetterSqlite3.Database => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    dbs.push(db);
    migrate(db, BASE);
    return db;
  };
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  it('a rebuild step replaces a referenced table: children keep pointing at it, triggers come back, foreign keys end on', () => {
    const db = fresh();
    migrate(db, [...BASE, { kind: 'rebuild', sql: relaxSize('1') }]);
    expect(schemaVersion(db)).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare("INSERT INTO parents VALUES ('zero', 0)").run();
    expect(db.pragma('foreign_key_list(children)')).toMatchObject([{ table: 'parents', from: 'parent_id', to: 'id' }]);
    expect(() => db.prepare("INSERT INTO children (parent_id) VALUES ('nobody')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("DELETE FROM parents WHERE id = 'b'").run()).toThrow(/big parents stay/);
  });

  it('the same SQL as a plain step fails: with foreign keys on, dropping a referenced table is refused', () => {
    const db = fresh();
    expect(() => migrate(db, [...BASE, { kind: 'plain', sql: relaxSize('1') }])).toThrow(/FOREIGN KEY/);
    expect(schemaVersion(db)).toBe(1);
  });

  it('a rebuild that would orphan rows is rolled back whole: foreign_key_check runs before commit', () => {
    const db = fresh();
    let error: unknown;
    try {
      migrate(db, [...BASE, { kind: 'rebuild', sql: relaxSize("id <> 'b'") }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerMigrationError);
    expect(error).toMatchObject({ code: 'LEDGER_MIGRATION', fromVersion: 1, toVersion: 2 });
    expect((error as Error).message).toMatch(/1 foreign key violation\(s\): children row \d+ → parents/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare('SELECT id FROM parents ORDER BY id').pluck().all()).toEqual(['a', 'b']);
    expect(() => db.prepare("INSERT INTO parents VALUES ('zero', 0)").run()).toThrow(/CHECK/); // old table, old CHECK
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses to run a rebuild inside an open transaction (foreign keys cannot be switched off there)', () => {
    const db = fresh();
    db.exec('BEGIN');
    expect(() => migrate(db, [...BASE, { kind: 'rebuild', sql: relaxSize('1') }])).toThrow(/inside an open transaction/);
    db.exec('ROLLBACK');
    expect(schemaVersion(db)).toBe(1);
  });

  it('a failed plain step leaves the file at the version before it', () => {
    const db = fresh();
    expect(() =>
      migrate(db, [...BASE, { kind: 'plain', sql: 'CREATE TABLE ok (x INTEGER) STRICT' }, { kind: 'plain', sql: 'CREATE TABLE broken (' }]),
    ).toThrow();
    expect(schemaVersion(db)).toBe(2);
  });

  it('refuses a file newer than its steps with a typed error', () => {
    const db = fresh();
    db.pragma('user_version = 7');
    expect(() => migrate(db, BASE)).toThrow(LedgerTooNewError);
    expect(() => migrate(db, BASE)).toThrow(/written by a newer Kasir \(schema v7\); this Kasir knows schema v1 at most/);
  });
});
