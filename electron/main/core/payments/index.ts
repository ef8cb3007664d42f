/** The payment engine: its builder, the service it returns and the helpers around them. */
export { createPaymentEngine, type PaymentEngine, type PaymentEngineOptions } from './engine';
export { PaymentService, type CreatePaymentInput, type ApplyOutcome, type PaymentListener } from './payment-service';
export { PaymentNotificationSink, type NotificationRecord } from './notification-sink';
export { DEFAULT_TRACKER_TIMINGS, type TrackerTimings, type TrackerCounters, type TrackingReadout, type PollFn } from './tracker';
export { classifyChargeError, type ChargeFailure } from './charge-errors';
export { decide, type Decision } from './payment-state';
export { RandomIds, type IdSource } from './ids';
