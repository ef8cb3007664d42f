/**
 * Main's own typed failures as the contract errors they mean, for the router
 * (shared code cannot import main's error classes). Without this a full disk
 * or a failed backup reached the cashier as "Something went wrong".
 */
import { KasirError } from '../../../../shared/contract/result';
import { BackupError } from '../ledger/backup';
import { storageFaultOf } from '../ledger/storage-faults';

/** The contract error `error` stands for, or null when it is not one of main's known failures. */
export function contractErrorOf(error: unknown): KasirError | null {
  if (error instanceof BackupError) {
    return new KasirError('BACKUP_FAILED', error.message, { params: { reason: error.reason, dir: error.dir } });
  }
  const storage = storageFaultOf(error);
  if (storage) return new KasirError(storage.code, storage.message);
  return null;
}
