/**
 * createPaymentEngine(options): the one place the payment engine is wired.
 * The app's composition root and every harness, crash child and benchmark
 * call it, so tests run the same wiring as the till. Nothing else constructs
 * PaymentService, Reconciler, PaymentTracker, StatusScheduler or RecheckPlanner
 * (a lint rule keeps it so).
 */
import type { AppNotice } from '../../../../shared/contract/events';
import type { GatewayEnv } from '../../../../shared/domain/gateway-env';
import { DEFAULT_API_FOR, type GatewayApi, type PaymentMethod } from '../../../../shared/domain/payment';
import { DEFAULT_SHOP_ZONE, zonedDay } from '../../../../shared/domain/zoned-time';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { tillTime } from '../gateway/gateway-clock';
import type { PaymentGateway } from '../gateway/types';
import { EventRepository } from '../ledger/event-repository';
import type { Database } from '../ledger/open-ledger';
import { PaymentRepository } from '../ledger/payment-repository';
import { RecheckRepository } from '../ledger/recheck-repository';
import { RefundRepository } from '../ledger/refund-repository';
import { ChargeFlow } from './charge-flow';
import { ConnectionProbe } from './connection-probe';
import { RandomIds, type IdSource } from './ids';
import { PaymentNotificationSink } from './notification-sink';
import { PaymentService } from './payment-service';
import { PaymentStateStore } from './payment-state';
import { RecheckPlanner, type DayRecheck } from './recheck-planner';
import type { RecheckTimings } from './recheck-schedule';
import { Reconciler } from './reconciler';
import { RefundFlow } from './refund-flow';
import { scheduledGateway, StatusScheduler, type StatusBudget } from './status-scheduler';
import { PaymentTracker, type TrackerTimings, type TrackingReadout } from './tracker';
import { PaymentTransitions } from './transitions';

/** What the engine is built from. */
export interface PaymentEngineOptions {
  db: Database;
  gateway: PaymentGateway;
  clock: Clock;
  /** The caller's logger; the engine scopes it as `payments` (its parts below that). */
  logger: Logger;
  /** The Midtrans environment `gateway` talks to, recorded on every payment. */
  gatewayEnv: GatewayEnv;
  /** IANA zone of the shop's day (default Asia/Jakarta). */
  zone?: string;
  /** Which API carries each method (default DEFAULT_API_FOR). */
  routing?: Record<PaymentMethod, GatewayApi>;
  /** Public notification URL(s) for X-Override-Notification, read per charge. */
  notificationUrls?: () => string[];
  ids?: IdSource;
  /** A staff member's current name, for `PaymentView.actorName`; absent: views carry no actor name. */
  actorName?: (actorId: string) => string | null;
  /** Polling cadence overrides. */
  tracking?: Partial<TrackerTimings>;
  /** The status-call budget (default DEFAULT_STATUS_BUDGET: 120 calls per minute). */
  statusBudget?: Partial<StatusBudget>;
  /** Re-checks of paid payments that can still change: timing overrides, or false for none (unit harnesses). */
  rechecks?: Partial<RecheckTimings> | false;
  /** Where the engine tells the cashier something unasked (recovery done, a lost charge found); default: nowhere. */
  onNotice?: (notice: AppNotice) => void;
  /**
   * The idle probe of the connection indicator: when no gateway call ended in
   * the last minute (`lastCallAt`, the till's clock), one status read of an
   * unknown order goes through the status queue (kind `probe`); its outcome
   * feeds the monitor like any call. Absent: no probe (no keys, unit harnesses).
   */
  connectionProbe?: { lastCallAt: () => number | null };
}

/** The running engine. */
export interface PaymentEngine {
  /** The payment lifecycle (handlers, receipts and the event bus use it). */
  payments: PaymentService;
  /** The webhook listener's sink. */
  notifications: PaymentNotificationSink;
  /** The engine's id source (a sale takes its order id from it too). */
  ids: IdSource;
  /** Polling and status-call counters, read-only (tests and the benchmark). */
  tracking: TrackingReadout;
  /**
   * Re-reads the payments of one shop day (`[from, to)`, ISO UTC) that could
   * still differ at the gateway, before it is closed; resolves with what it did
   * within the wait (recheck-planner.ts). Never rejects.
   */
  recheckDay(window: { from: string; to: string }): Promise<DayRecheck>;
  /** Stops polling and re-check timers and fails queued status calls; later tracking requests are ignored. */
  stop(): void;
  /** Resolves when every background confirmation and re-check has finished. */
  idle(): Promise<void>;
  /** Stops polling and waits for running confirmations; the ledger stays open (its owner closes it). */
  close(): Promise<void>;
}

/** Builds the payment engine over an open ledger and a gateway. */
export function createPaymentEngine(options: PaymentEngineOptions): PaymentEngine {
  const { db, gateway, clock, gatewayEnv, notificationUrls, tracking, actorName } = options;
  const zone = options.zone ?? DEFAULT_SHOP_ZONE;
  zonedDay(clock.now(), zone); // fail fast on an unknown zone
  const routing = options.routing ?? DEFAULT_API_FOR;
  const ids = options.ids ?? new RandomIds();
  const logger = options.logger.scope('payments');
  // Expiry is Midtrans' decision on Midtrans' clock: intents, tracking and views read it (gateway/gateway-clock.ts).
  const gatewayTime = gateway.time ?? tillTime(clock);
  const stopSkewNotices = gatewayTime.onSkew(({ minutes, direction }) =>
    options.onNotice?.({ level: 'warning', code: 'clock_skew', params: { minutes, direction } }),
  );

  const payments = new PaymentRepository(db);
  const events = new EventRepository(db);
  const refunds = new RefundRepository(db);
  const state = new PaymentStateStore({ db, clock, logger, payments, events });
  // One queue for every status call (status-scheduler.ts); a payment's call counts live while it is tracked.
  const scheduler: StatusScheduler = new StatusScheduler({
    gateway, clock, logger, budget: options.statusBudget, retain: (id) => tracker.isTracking(id),
  });
  /** A gateway whose status reads are the cashier's (screen priority), for the flows a cashier waits on. */
  const screenGateway = (kind: 'charge' | 'cancel' | 'refund') =>
    Object.assign(
      scheduledGateway(gateway, scheduler, { kind, priority: 'screen', paymentIdOf: (ref) => payments.byGatewayId(ref.orderId)?.id ?? ref.orderId }),
      gateway.time ? { time: gateway.time } : {},
    );
  // The tracker polls through the reconciler, which tracks through the tracker:
  // the poll is bound late (it first runs on a timer, after both exist).
  const tracker: PaymentTracker = new PaymentTracker({
    clock, gatewayTime, logger, timings: tracking, poll: (id, attended) => reconciler.poll(id, attended), onRelease: (id) => scheduler.release(id),
  });
  const transitions = new PaymentTransitions({
    state, payments, tracker, logger, actorName, clockOffsetMs: () => gatewayTime.offsetMs(), refundQueued: (id) => refunds.unresolved(id).length > 0,
  });
  const reconciler: Reconciler = new Reconciler({ scheduler, logger, payments, state, transitions, tracker, notify: options.onNotice });
  const charges = new ChargeFlow({
    db, gateway: screenGateway('charge'), clock, logger, ids, zone, routing, gatewayEnv, notificationUrls, payments, state, transitions, reconciler, tracker,
    gatewayTime,
  });
  const refundFlow = new RefundFlow({ gateway: screenGateway('refund'), payments, refunds, ids, clock, logger, transitions, notify: options.onNotice });
  const service = new PaymentService({ gateway: screenGateway('cancel'), logger, payments, transitions, reconciler, charges, refunds: refundFlow });
  // Paid payments that can still move are re-read on a plan kept in the ledger (recheck-planner.ts).
  const planner =
    options.rechecks === false
      ? null
      : new RecheckPlanner({ clock, logger, payments, rechecks: new RecheckRepository(db), reconciler, timings: options.rechecks });
  if (planner) {
    transitions.onUpdated((view) => planner.notePaid(view.id));
    planner.start();
  }
  const notifications = new PaymentNotificationSink({ db, clock, logger, payments, events, reconciler });
  const probe = options.connectionProbe
    ? new ConnectionProbe({ clock, logger, scheduler, lastCallAt: options.connectionProbe.lastCallAt, api: routing.qris === 'snap_bi' ? 'snap_bi' : 'core_api' })
    : null;
  probe?.start();

  return {
    payments: service,
    notifications,
    ids,
    tracking: {
      isTracking: (id) => tracker.isTracking(id),
      statusCalls: (id) => scheduler.callsFor(id).poll,
      callsFor: (id) => scheduler.callsFor(id),
      counters: () => {
        const status = scheduler.counters();
        return { tracked: tracker.size, statusCalls: status.byKind.poll, perPayment: scheduler.counts.livePolls(), status };
      },
    },
    recheckDay: async (window) =>
      planner ? planner.recheckWindow(window) : { candidates: 0, fresh: 0, checked: 0, changed: 0, unfinished: 0 },
    stop: () => {
      probe?.stop();
      stopSkewNotices();
      planner?.stop();
      tracker.stop();
      scheduler.stop();
    },
    idle: () => reconciler.idle(),
    async close() {
      // Let running confirmations finish before the ledger closes under them; queued ones are dropped.
      probe?.stop();
      stopSkewNotices();
      planner?.stop();
      tracker.stop();
      scheduler.stop();
      await reconciler.idle();
    },
  };
}
