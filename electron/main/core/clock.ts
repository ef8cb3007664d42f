/**
 * Time is injected, never read from the wall directly, so tests can move it.
 * Storage is UTC ISO-8601; "today" is computed in the shop's zone elsewhere.
 */

export type Cancel = () => void;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` after `ms` of this clock's time. */
  setTimeout(fn: () => void, ms: number): Cancel;
}

/** The real clock. Timers are unref'd so a pending poll never keeps a process alive. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  setTimeout(fn: () => void, ms: number): Cancel {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return () => clearTimeout(t);
  }
}

/** A clock that only moves when told to; for unit and integration tests. */
export class ManualClock implements Clock {
  private timers: { at: number; fn: () => void; id: number; cancelled: boolean }[] = [];
  private live = 0;
  private nextId = 0;
  constructor(private current = Date.UTC(2026, 10, 26, 3, 0, 0)) {}
  now(): number {
    return this.current;
  }
  setTimeout(fn: () => void, ms: number): Cancel {
    const timer = { at: this.current + Math.max(0, ms), fn, id: this.nextId++, cancelled: false };
    this.timers.push(timer);
    this.live++;
    // Cancelling marks the timer (O(1): a bench cancels thousands of re-armed polls); `advance` drops it.
    return () => {
      if (timer.cancelled) return;
      timer.cancelled = true;
      this.live--;
      if (this.timers.length > 64 && this.live < this.timers.length / 2) this.timers = this.timers.filter((t) => !t.cancelled);
    };
  }
  /** Moves time forward, firing due timers in order (timers set while firing are honoured). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      if (next.cancelled) continue;
      next.cancelled = true; // fired: a late cancel is a no-op
      this.live--;
      this.current = next.at;
      next.fn();
    }
    this.current = target;
  }
  /** Number of timers still waiting; lets tests assert that tracking stopped. */
  pending(): number {
    return this.live;
  }
}

/** ISO-8601 UTC string of a clock reading. */
export const isoUtc = (ms: number): string => new Date(ms).toISOString();
