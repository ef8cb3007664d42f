/** The payment engine: service, tracker, webhook sink and helpers. */
export { PaymentService, type PaymentServiceDeps, type CreatePaymentInput, type ApplyOutcome, type PaymentListener } from './payment-service';
export { PaymentNotificationSink } from './notification-sink';
export { PaymentTracker, DEFAULT_TRACKER_TIMINGS, type TrackerTimings, type TrackerCounters, type PollFn } from './tracker';
export { classifyChargeError, isOutcomeUnknown, type ChargeFailure } from './charge-errors';
export { decide, type Decision } from './payment-state';
export { RandomIds, type IdSource } from './ids';
export { zonedDay, type ZonedDay } from './zoned-day';
export type { NotificationRecord } from './reconciler';
