/**
 * Optional JSON persistence of the emulator's state (charges, idempotency /
 * X-EXTERNAL-ID replays, key/value entries such as SNAP-BI tokens, and the test
 * clock's offset) in `<stateDir>/state.json`. Saves are debounced because a
 * benchmark can create thousands of charges a second.
 */
import { join } from 'node:path';
import type { EmuResponse, Transaction } from '../types';
import { readIfExists, writeFileAtomic } from '../util/files';
import type { ExpiringEntry } from './expiring-map';

/** The state file's shape (version 1). */
export interface PersistedState {
  version: 1;
  clockOffsetMs: number;
  transactions: Transaction[];
  replay: ExpiringEntry<{ bodyHash: string; response: EmuResponse }>[];
  kv: ExpiringEntry<unknown>[];
}

/** Debounced writer for `state.json`. */
export interface StateFile {
  /** The previous run's state, if a readable file exists. */
  load(): PersistedState | undefined;
  /** Schedules a save (coalesced within `debounceMs`). */
  schedule(): void;
  /** Writes now if a save is pending (used on close). */
  flush(): void;
}

/** Creates the writer; `collect` renders the current state when a save runs. */
export function createStateFile(stateDir: string, collect: () => PersistedState, debounceMs = 200): StateFile {
  const path = join(stateDir, 'state.json');
  let timer: NodeJS.Timeout | undefined;

  const write = (): void => {
    timer = undefined;
    try {
      // Buffers in EmuResponse.rawBytes would not round-trip; replays never store them.
      writeFileAtomic(path, JSON.stringify(collect()));
    } catch (err) {
      process.stderr.write(`[emulator] could not save state: ${String(err)}\n`);
    }
  };

  return {
    load(): PersistedState | undefined {
      const text = readIfExists(path);
      if (!text) return undefined;
      try {
        const parsed = JSON.parse(text) as PersistedState;
        return parsed.version === 1 ? parsed : undefined;
      } catch (err) {
        // A corrupt file must not stop the emulator from starting; keep a copy to inspect.
        process.stderr.write(`[emulator] ignoring unreadable ${path}: ${String(err)}\n`);
        writeFileAtomic(`${path}.corrupt`, text);
        return undefined;
      }
    },
    schedule(): void {
      if (timer) return;
      timer = setTimeout(write, debounceMs);
      timer.unref();
    },
    flush(): void {
      if (!timer) return;
      clearTimeout(timer);
      write();
    },
  };
}
