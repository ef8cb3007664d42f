/**
 * createPaymentEngine(options): the one place the payment engine is wired.
 * The app's composition root and every harness, crash child and benchmark
 * call it, so tests run the same wiring as the till. Nothing else constructs
 * PaymentService, Reconciler or PaymentTracker (a lint rule keeps it so).
 */
import type { AppNotice } from '../../../../shared/contract/events';
import type { GatewayEnv } from '../../../../shared/domain/gateway-env';
import { DEFAULT_API_FOR, type GatewayApi, type PaymentMethod } from '../../../../shared/domain/payment';
import { DEFAULT_SHOP_ZONE, zonedDay } from '../../../../shared/domain/zoned-time';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { PaymentGateway } from '../gateway/types';
import { EventRepository } from '../ledger/event-repository';
import type { Database } from '../ledger/open-ledger';
import { PaymentRepository } from '../ledger/payment-repository';
import { RefundRepository } from '../ledger/refund-repository';
import { ChargeFlow } from './charge-flow';
import { RandomIds, type IdSource } from './ids';
import { PaymentNotificationSink } from './notification-sink';
import { PaymentService } from './payment-service';
import { PaymentStateStore } from './payment-state';
import { Reconciler } from './reconciler';
import { RefundFlow } from './refund-flow';
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
  /** Where the engine tells the cashier something unasked (recovery done, a lost charge found); default: nowhere. */
  onNotice?: (notice: AppNotice) => void;
}

/** The running engine. */
export interface PaymentEngine {
  /** The payment lifecycle (handlers, receipts and the event bus use it). */
  payments: PaymentService;
  /** The webhook listener's sink. */
  notifications: PaymentNotificationSink;
  /** Polling counters, read-only (tests and the benchmark). */
  tracking: TrackingReadout;
  /** Stops polling timers; later tracking requests are ignored. */
  stop(): void;
  /** Resolves when every background confirmation has finished. */
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

  const payments = new PaymentRepository(db);
  const events = new EventRepository(db);
  const refunds = new RefundRepository(db);
  const state = new PaymentStateStore({ db, clock, logger, payments, events });
  // The tracker polls through the reconciler, which tracks through the tracker:
  // the poll is bound late (it first runs on a timer, after both exist).
  const tracker: PaymentTracker = new PaymentTracker({ clock, logger, timings: tracking, poll: (id) => reconciler.poll(id) });
  const transitions = new PaymentTransitions({ state, payments, tracker, logger, actorName });
  const reconciler: Reconciler = new Reconciler({ gateway, logger, payments, state, transitions, tracker, notify: options.onNotice });
  const charges = new ChargeFlow({
    db, gateway, clock, logger, ids, zone, routing, gatewayEnv, notificationUrls, payments, state, transitions, reconciler, tracker,
  });
  const refundFlow = new RefundFlow({ gateway, payments, refunds, ids, clock, logger, transitions });
  const service = new PaymentService({ gateway, logger, payments, transitions, reconciler, charges, refunds: refundFlow });
  const notifications = new PaymentNotificationSink({ db, clock, logger, payments, events, reconciler });

  return {
    payments: service,
    notifications,
    tracking: {
      isTracking: (id) => tracker.isTracking(id),
      statusCalls: (id) => tracker.statusCalls(id),
      counters: () => tracker.counters(),
    },
    stop: () => tracker.stop(),
    idle: () => reconciler.idle(),
    async close() {
      // Let running confirmations finish before the ledger closes under them.
      tracker.stop();
      await reconciler.idle();
    },
  };
}
