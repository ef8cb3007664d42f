/**
 * A log sink for the till's own log file, so support can read what happened at
 * a counter without a console attached. Appends JSON lines; when the file grows
 * past `maxBytes` it becomes `<name>.1` (one generation is enough for a till).
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

export interface FileSinkOptions {
  maxBytes?: number;
  /** Also echo to stderr (development, test harnesses). */
  echo?: boolean;
}

/** Creates a sink writing to `file` (directories created as needed). Never throws. */
export function createFileSink(file: string, opts: FileSinkOptions = {}): LogSink {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  mkdirSync(dirname(file), { recursive: true });
  let size = existsSync(file) ? statSync(file).size : 0;
  return (line) => {
    if (opts.echo) process.stderr.write(line + '\n');
    try {
      if (size > maxBytes) {
        renameSync(file, `${file}.1`);
        size = 0;
      }
      // Synchronous on purpose: a crash must not lose the lines that explain it.
      appendFileSync(file, line + '\n');
      size += Buffer.byteLength(line) + 1;
    } catch {
      // Logging must never take the till down (full disk, removed directory…).
    }
  };
}
