/**
 * Emulator behaviour that a test may switch while the emulator runs (through
 * `emu.configure()` or `POST /simulator/api/settings`), for points where
 * Midtrans' own behaviour is unconfirmed and the app must cope with both
 * readings. Not persisted: a restart starts from the options again.
 */
import { z } from 'zod';

/** How a retried SNAP-BI notification is sent (whether Midtrans re-signs is unconfirmed). */
export type SnapBiRetrySigning = 'verbatim' | 'resign';

/** The switchable settings. */
export interface EmulatorSettings {
  /**
   * `verbatim` (default): a retry is byte-identical to the first attempt (same
   * body, X-TIMESTAMP, X-SIGNATURE, X-EXTERNAL-ID). `resign`: same body and
   * X-EXTERNAL-ID, fresh X-TIMESTAMP (emulator clock at the retry) and signature.
   */
  snapBiRetries: SnapBiRetrySigning;
}

/** Defaults, i.e. the behaviour before any setting existed. */
export const DEFAULT_SETTINGS: EmulatorSettings = { snapBiRetries: 'verbatim' };

/** A partial update as `POST /simulator/api/settings` accepts it (unknown keys refused). */
export const settingsPatchSchema = z
  .object({ snapBiRetries: z.enum(['verbatim', 'resign']).optional() })
  .strict();

/** Holds the current settings; read at the moment each behaviour happens. */
export class SettingsHolder {
  private current: EmulatorSettings;

  constructor(initial: Partial<EmulatorSettings> = {}) {
    this.current = { ...DEFAULT_SETTINGS, ...settingsPatchSchema.parse(initial) };
  }

  get(): EmulatorSettings {
    return { ...this.current };
  }

  /** Validates and applies a patch; throws a ZodError on a bad one. Returns the new settings. */
  update(patch: unknown): EmulatorSettings {
    const parsed = settingsPatchSchema.parse(patch);
    this.current = { ...this.current, ...stripUndefined(parsed) };
    return this.get();
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
