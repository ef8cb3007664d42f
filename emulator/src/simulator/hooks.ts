/**
 * The simulator's test hooks (no Midtrans counterpart): the test clock, the
 * notification log and replays, fault rules and the switchable settings.
 */
import { ZodError } from 'zod';
import type { TestClock } from '../clock';
import type { FaultRegistry } from '../faults/faults';
import type { NotificationDispatcher } from '../notifications/dispatcher';
import { replayRequestSchema } from '../notifications/replay';
import { isRecord, parseJsonBody } from '../server/body';
import type { SettingsHolder } from '../settings';
import type { EmuRequest, EmuResponse, Route } from '../types';

/** What the hooks act on. */
export interface HookDeps {
  clock: TestClock;
  dispatcher: NotificationDispatcher;
  faults: FaultRegistry;
  settings: SettingsHolder;
}

const json = (status: number, body: unknown): EmuResponse => ({ status, body });

const errorText = (err: unknown): string =>
  err instanceof ZodError ? err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') : String(err);

/** A route that parses a JSON body first (answering a malformed one itself). */
const withJson =
  (fn: (value: unknown) => EmuResponse) =>
  (req: EmuRequest): EmuResponse => {
    const parsed = parseJsonBody(req);
    return parsed.ok ? fn(parsed.value) : parsed.response;
  };

/** The clock, the current offset and how many timers wait. */
export function clockState(clock: TestClock): Record<string, unknown> {
  return {
    now: clock.now(),
    iso: new Date(clock.now()).toISOString(),
    offsetSeconds: clock.offsetMs() / 1000,
    pendingTimers: clock.pendingTimers(),
  };
}

const limitOf = (req: EmuRequest, dflt: number): number => {
  const n = Number(req.query.get('limit') ?? dflt);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : dflt;
};

/** Builds the hook routes under `/simulator/api`. */
export function createHookRoutes(deps: HookDeps): Route[] {
  const { clock, dispatcher, faults, settings } = deps;
  const seconds = (value: unknown, allowNegative: boolean): number | undefined => {
    const n = isRecord(value) ? Number(value.seconds) : Number.NaN;
    return Number.isFinite(n) && (allowNegative || n >= 0) ? n : undefined;
  };

  return [
    {
      method: 'GET',
      pattern: '/simulator/api/notifications',
      handler: (req) => {
        const log = dispatcher.log(req.query.get('order_id') ?? undefined);
        return json(200, { notifications: log.slice(-limitOf(req, 1000)) });
      },
    },
    {
      method: 'POST',
      pattern: '/simulator/api/notifications/replay',
      handler: withJson((value) => {
        // `order_id` as the transaction actions spell it, `orderId` as the fault rules do.
        const body = isRecord(value) && value.order_id !== undefined ? { ...value, orderId: value.order_id, order_id: undefined } : value;
        const parsed = replayRequestSchema.safeParse(body);
        if (!parsed.success) return json(400, { ok: false, error: errorText(parsed.error) });
        const out = dispatcher.replay(parsed.data);
        if (!Array.isArray(out)) return json(out.status, { ok: false, error: out.error });
        return json(200, { ok: true, replayed: out.length, ids: out.map((r) => r.id), replayOf: out[0]?.replayOf });
      }),
    },
    { method: 'GET', pattern: '/simulator/api/clock', handler: () => json(200, clockState(clock)) },
    {
      method: 'POST',
      pattern: '/simulator/api/clock/advance',
      handler: withJson((value) => {
        const s = seconds(value, false);
        if (s === undefined) return json(400, { ok: false, error: 'seconds must be a non-negative number' });
        clock.advance(s);
        return json(200, { ok: true, ...clockState(clock) });
      }),
    },
    {
      method: 'POST',
      pattern: '/simulator/api/clock/offset',
      handler: withJson((value) => {
        const s = seconds(value, true);
        if (s === undefined) return json(400, { ok: false, error: 'seconds must be a number (negative = behind real time)' });
        clock.setOffset(s * 1000);
        return json(200, { ok: true, ...clockState(clock) });
      }),
    },
    { method: 'GET', pattern: '/simulator/api/settings', handler: () => json(200, { settings: settings.get() }) },
    {
      method: 'POST',
      pattern: '/simulator/api/settings',
      handler: withJson((value) => {
        try {
          return json(200, { ok: true, settings: settings.update(value ?? {}) });
        } catch (err) {
          return json(400, { ok: false, error: errorText(err) });
        }
      }),
    },
    { method: 'GET', pattern: '/simulator/api/faults', handler: () => json(200, { faults: faults.list() }) },
    {
      method: 'POST',
      pattern: '/simulator/api/faults',
      handler: withJson((value) => {
        try {
          return json(200, { ok: true, fault: faults.add(value) });
        } catch (err) {
          return json(400, { ok: false, error: err instanceof Error ? err.message : String(err) });
        }
      }),
    },
    {
      method: 'DELETE',
      pattern: '/simulator/api/faults',
      handler: () => {
        const cleared = faults.list().length;
        faults.clear();
        return json(200, { ok: true, cleared });
      },
    },
    {
      method: 'DELETE',
      pattern: '/simulator/api/faults/:id',
      handler: (req) =>
        faults.remove(req.params.id ?? '') ? json(200, { ok: true }) : json(404, { ok: false, error: 'no such fault' }),
    },
  ];
}
