import { describe, expect, it } from 'vitest';
import { contractErrorOf } from '../../electron/main/core/app/contract-errors';
import { BackupError } from '../../electron/main/core/ledger/backup';
import { createRouter, type Handlers } from '../../shared/contract/router';

/** A better-sqlite3-style error (SqliteError carries the result code in `code`). */
const sqliteError = (code: string): Error => Object.assign(new Error('database or disk is full'), { code });

describe('contractErrorOf', () => {
  it('names a full disk and a read-only ledger in the contract vocabulary', () => {
    expect(contractErrorOf(sqliteError('SQLITE_FULL'))?.code).toBe('STORAGE_FULL');
    expect(contractErrorOf(sqliteError('SQLITE_READONLY_DBMOVED'))?.code).toBe('STORAGE_READ_ONLY');
  });

  it('gives a failed backup its reason and folder', () => {
    const e = contractErrorOf(new BackupError('/mnt/usb/kasir', 'folder_missing', 'no such folder'));
    expect(e?.code).toBe('BACKUP_FAILED');
    expect(e?.params).toEqual({ reason: 'folder_missing', dir: '/mnt/usb/kasir' });
  });

  it('leaves anything else to the router (INTERNAL, logged)', () => {
    expect(contractErrorOf(new Error('boom'))).toBeNull();
    expect(contractErrorOf(sqliteError('SQLITE_CONSTRAINT_CHECK'))).toBeNull();
  });

  it('the router answers a full disk as STORAGE_FULL, not "something went wrong"', async () => {
    const handlers = { 'reports.today': () => { throw sqliteError('SQLITE_FULL'); } } as unknown as Handlers;
    const logged: unknown[] = [];
    const router = createRouter(handlers, (_c, e) => logged.push(e), contractErrorOf);
    const res = await router.dispatch('reports.today', undefined, { id: 'page-1' });
    expect(res).toMatchObject({ ok: false, code: 'STORAGE_FULL' });
    expect(logged).toEqual([]);
  });
});
