/**
 * Tells a barcode scanner from a person at the keyboard, from key timings
 * alone. A USB/Bluetooth scanner is a keyboard that types the whole code in
 * a burst (a few ms per key) and ends it with Enter; nobody types 4+ keys
 * at ~30 ms each. Pure (no DOM, no clock of its own: the caller passes each
 * key's `event.timeStamp`), so it is unit-tested with synthetic timings in
 * plain Node (`test/unit/renderer-scanner-detector.test.ts`).
 *
 * What the caller does with each verdict (`scanner-capture.ts`):
 * - `char` with `starts`: a new burst may begin here — remember what the
 *   focused field held, so a scan's characters can be taken back out of it.
 * - `scan`: the Enter ended a scan — swallow it (no focused control sees it),
 *   restore the field, look the code up.
 * - `pass`: an ordinary key; leave it alone.
 */

/** How strict the detector is; the defaults suit every scanner we know of. */
export interface ScanTimings {
  /** The shortest code taken as a scan (shorter bursts are a person pressing two keys at once). */
  minLength: number;
  /** The mean time per key, Enter included, at or under which a burst is a scanner (the "~30 ms per key"). */
  maxMeanGapMs: number;
  /**
   * The longest single gap inside a burst. A little above the mean: a scanner
   * (and a loaded test machine) jitters, but a pause this long means a person.
   */
  maxGapMs: number;
}

export const SCAN_TIMINGS: ScanTimings = { minLength: 4, maxMeanGapMs: 30, maxGapMs: 60 };

/** What a scanner may type: the characters a barcode may hold (shared/contract `productBarcode`, SKUs too). */
const CODE_CHAR = /^[0-9A-Za-z._-]$/;

/** Keys a scanner sends around its characters that neither belong to the code nor break a burst. */
const NEUTRAL_KEYS = new Set(['Shift', 'CapsLock']);

export type ScanVerdict =
  /** A code character; `starts` when it opens a new burst (the one before it, if any, was too long ago). */
  | { kind: 'char'; starts: boolean }
  /** Enter ended a scan of `code`. */
  | { kind: 'scan'; code: string }
  /** Not part of a scan. */
  | { kind: 'pass' };

/** One key as the detector sees it. */
export interface ScanKey {
  /** `KeyboardEvent.key`. */
  key: string;
  /** `KeyboardEvent.timeStamp` (ms, monotonic). */
  at: number;
  /** Ctrl, Alt or Meta held: a shortcut, never a scanned character. */
  modified?: boolean;
}

/** A detector keeps the current burst between keys; one per till screen. */
export interface ScanDetector {
  feed(key: ScanKey): ScanVerdict;
  /** Forget the burst (the till lost focus, a dialog opened). */
  reset(): void;
}

/** A fresh detector. */
export function createScanDetector(timings: ScanTimings = SCAN_TIMINGS): ScanDetector {
  let chars: string[] = [];
  let first = 0;
  let last = 0;

  const reset = () => {
    chars = [];
  };

  return {
    reset,
    feed({ key, at, modified = false }) {
      if (NEUTRAL_KEYS.has(key)) return { kind: 'pass' };
      if (!modified && CODE_CHAR.test(key)) {
        const starts = chars.length === 0 || at - last > timings.maxGapMs;
        if (starts) {
          chars = [];
          first = at;
        }
        chars.push(key);
        last = at;
        return { kind: 'char', starts };
      }
      if (key === 'Enter' && !modified && chars.length > 0) {
        const n = chars.length;
        const code = chars.join('');
        const meanGap = (at - first) / n; // n gaps: between the n characters and the Enter
        const quick = at - last <= timings.maxGapMs && meanGap <= timings.maxMeanGapMs;
        reset();
        return n >= timings.minLength && quick ? { kind: 'scan', code } : { kind: 'pass' };
      }
      // Anything else (Backspace, Tab, an arrow, a shortcut) ends the burst: a scanner never sends it mid-code.
      reset();
      return { kind: 'pass' };
    },
  };
}
