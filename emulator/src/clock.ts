/**
 * The emulator's test clock. Emulator time is real time plus an offset that
 * `advance` grows, so tests can jump over a 15-minute QRIS expiry or a 210-minute
 * notification retry without sleeping, while a long-running emulator (the app's
 * embedded default, the CLI) still expires charges in real time. The offset may
 * start (or be set) negative or positive, so a skew test can run "Midtrans 3
 * minutes behind the till".
 */
import type { EmuClock } from './types';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  /** Still in the list and not cancelled (false once fired, cancelled or dropped by stop). */
  live: boolean;
}

/** The clock plus what `startEmulator` needs to persist and stop it. */
export interface TestClock extends EmuClock {
  /** Milliseconds added to real time so far. */
  offsetMs(): number;
  /**
   * Sets the offset from real time outright (negative = behind the wall clock).
   * Moving it forward fires what became due, as `advance` does; moving it back
   * only postpones timers, which keep their absolute emulator times.
   */
  setOffset(offsetMs: number): void;
  /** Number of timers still scheduled (for the simulator page and tests). */
  pendingTimers(): number;
  /** Cancels the real-time wake-up so the process can exit; timers are dropped. */
  stop(): void;
}

/** Largest delay `setTimeout` accepts; later wake-ups are re-armed on the way. */
const MAX_DELAY_MS = 2_147_483_647;

/** Cancelled timers tolerated in the list before it is compacted (when they are also half of it). */
const COMPACT_MIN = 1024;

/**
 * Creates a test clock.
 * @param initialOffsetMs offset restored from a previous run, so persisted
 *   expiry times keep their meaning across a restart.
 * @param realNow source of real time (injectable for unit tests).
 * @param onOffsetChange called after `advance` / `setOffset`, so the owner can
 *   persist the offset even when nothing else changed.
 */
export function createClock(
  initialOffsetMs = 0,
  realNow: () => number = Date.now,
  onOffsetChange: () => void = () => {},
): TestClock {
  let offset = initialOffsetMs;
  let seq = 0;
  let timers: Timer[] = [];
  // Cancelled timers stay in the list until they reach its head or a compaction
  // drops them: finding one to splice it out cost O(n), so cancelling every
  // pending charge's expiry at close was O(n²) (~190 ms with 20k charges).
  let cancelled = 0;
  let wake: NodeJS.Timeout | undefined;
  let stopped = false;
  let firing = false;

  const now = (): number => realNow() + offset;

  // Fires every due timer in (time, insertion) order, including timers that the
  // fired callbacks schedule for a time that is already due.
  const fireDue = (): void => {
    if (firing) return;
    firing = true;
    try {
      for (;;) {
        dropCancelledHead();
        const t = now();
        const next = timers[0];
        if (!next || next.at > t) break;
        timers.shift();
        next.live = false;
        try {
          next.fn();
        } catch (err) {
          process.stderr.write(`[emulator] clock timer failed: ${String(err)}\n`);
        }
      }
    } finally {
      firing = false;
    }
    arm();
  };

  const dropCancelledHead = (): void => {
    while (timers.length > 0 && !(timers[0] as Timer).live) {
      timers.shift();
      cancelled--;
    }
  };

  const compact = (): void => {
    timers = timers.filter((t) => t.live);
    cancelled = 0;
  };

  const arm = (): void => {
    if (wake) clearTimeout(wake);
    wake = undefined;
    dropCancelledHead();
    const next = timers[0];
    if (stopped || !next) return;
    const delay = Math.min(Math.max(next.at - now(), 0), MAX_DELAY_MS);
    wake = setTimeout(fireDue, delay);
    // A scheduled expiry must not keep a finished test process alive.
    wake.unref();
  };

  const insert = (timer: Timer): void => {
    // Binary search keeps the list sorted by (at, seq); inserts are far rarer than fires.
    let lo = 0;
    let hi = timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = timers[mid] as Timer;
      if (m.at < timer.at || (m.at === timer.at && m.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    timers.splice(lo, 0, timer);
  };

  return {
    now,
    at(at: number, fn: () => void): () => void {
      const timer: Timer = { at, seq: seq++, fn, live: true };
      insert(timer);
      if (timers[0] === timer && !firing) arm();
      return () => {
        if (!timer.live) return;
        timer.live = false;
        cancelled++;
        // No re-arm: at worst the wake-up comes early, finds the head cancelled and re-arms
        // then (re-arming per cancel was a clearTimeout + setTimeout each).
        if (cancelled >= COMPACT_MIN && cancelled * 2 > timers.length) compact();
      };
    },
    advance(seconds: number): void {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError('advance(seconds) needs a finite, non-negative number');
      }
      offset += Math.round(seconds * 1000);
      onOffsetChange();
      fireDue();
    },
    offsetMs: () => offset,
    setOffset(offsetMs: number): void {
      if (!Number.isFinite(offsetMs)) throw new RangeError('setOffset(ms) needs a finite number');
      offset = Math.round(offsetMs);
      onOffsetChange();
      fireDue();
    },
    pendingTimers: () => timers.length - cancelled,
    stop(): void {
      stopped = true;
      if (wake) clearTimeout(wake);
      wake = undefined;
      // A cancel called after stop must find its timer gone, not count it again.
      for (const t of timers) t.live = false;
      timers = [];
      cancelled = 0;
    },
  };
}
