/**
 * CPU time split between this thread and the rest of the process, so a
 * bench can report CPU per operation for its client (the main thread) and for
 * what it drives in worker threads (the emulator, its checkpoint thread, V8's
 * helper threads). CPU time, unlike a wall-clock rate, stays comparable on a
 * machine other jobs are loading. Linux only (`/proc/thread-self`); elsewhere
 * the split is unknown and only the process total is given.
 */
import { readFileSync } from 'node:fs';

/** A reading of {@link cpuNow}, in microseconds. */
export interface CpuReading {
  process: number;
  /** This thread, or NaN where it cannot be read. */
  thread: number;
}

/** Clock ticks per second of /proc's utime/stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function threadMicros(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** CPU used so far by the process and by this thread. */
export function cpuNow(): CpuReading {
  const u = process.cpuUsage();
  return { process: u.user + u.system, thread: threadMicros() };
}

/** CPU µs per operation since `start`: this thread's, the other threads', and (when unsplit) NaN for both parts. */
export function cpuPerOp(start: CpuReading, ops: number): { thread: number; others: number } {
  const end = cpuNow();
  const thread = end.thread - start.thread;
  const total = end.process - start.process;
  return { thread: thread / ops, others: (total - thread) / ops };
}
