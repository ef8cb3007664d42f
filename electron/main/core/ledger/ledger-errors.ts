/**
 * Why a ledger cannot be opened. Typed, so the composition root can tell the
 * owner what to do instead of printing an SQLite message.
 */

/** The file's schema is newer than this Kasir's: it was written by a newer Kasir. */
export class LedgerTooNewError extends Error {
  readonly code = 'LEDGER_TOO_NEW';

  constructor(
    /** The file's `user_version`. */
    readonly fileVersion: number,
    /** The newest schema this Kasir knows. */
    readonly appVersion: number,
    readonly file?: string,
  ) {
    super(
      `The ledger${file ? ` ${file}` : ''} was written by a newer Kasir (schema v${fileVersion}); ` +
        `this Kasir knows schema v${appVersion} at most. Install that newer Kasir (or a later one) to open it; ` +
        'this one leaves the file untouched.',
    );
    this.name = 'LedgerTooNewError';
  }
}

/** A migration step could not be applied; the file stays at `fromVersion`. */
export class LedgerMigrationError extends Error {
  readonly code = 'LEDGER_MIGRATION';

  constructor(
    readonly fromVersion: number,
    readonly toVersion: number,
    reason: string,
  ) {
    super(`Upgrading the ledger from schema v${fromVersion} to v${toVersion} failed, nothing was changed: ${reason}`);
    this.name = 'LedgerMigrationError';
  }
}
