/**
 * Scoped, structured logging: one JSON object per line with a scope, so a log
 * from the till can be filtered per concern. Values under secret-looking keys
 * are redacted before they are written, whatever the caller passes.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  scope(name: string): Logger;
}

export type LogSink = (line: string) => void;

const SECRET_KEY = /(secret|password|serverkey|server_key|privatekey|private_key|authorization|token|signature)/i;
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Replaces secret-looking values, recursively; exported for tests. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Too deep to inspect is too deep to trust: never pass an unchecked object through.
  if (depth > 4) return '[truncated]';
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/** Creates a root logger writing to `sink` (stderr by default) at `level` and above. */
export function createLogger(
  scopeName = 'kasir',
  opts: { level?: LogLevel; sink?: LogSink; now?: () => number } = {},
): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const sink = opts.sink ?? ((line) => process.stderr.write(line + '\n'));
  const now = opts.now ?? Date.now;
  const make = (scope: string): Logger => {
    const write = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (ORDER[level] < min) return;
      const extra = fields ? (redact(fields) as LogFields) : {};
      sink(JSON.stringify({ t: new Date(now()).toISOString(), level, scope, msg, ...extra }));
    };
    return {
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      scope: (name) => make(`${scope}.${name}`),
    };
  };
  return make(scopeName);
}

/** A logger that drops everything; for tests that do not look at logs. */
export const silentLogger: Logger = createLogger('silent', { sink: () => {} });
