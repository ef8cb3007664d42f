/** `POST /v2/charge` (reference §4, §6, §7). */
import type { EmuContext, EmuRequest, EmuResponse, Transaction } from '../types';
import { parseJsonBody } from '../server/body';
import { newTransactionId } from '../util/ids';
import { chargeExtras, chargeMessage, defaultExpiryMs, maxExpiryMs, methodDetails, type MethodOptions } from './methods';
import { transactionFields } from './render';
import { duplicateOrderId, validationError } from './responses';
import { validateCharge } from './validate';

/** Statuses after which an order id may be charged again (reference §6). */
const REUSABLE = new Set(['cancel', 'expire']);

/** Splits a notification header into at most 3 URLs. */
function urlList(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '')
    .slice(0, 3);
}

/** X-Override-Notification wins over X-Append-Notification; append adds to the configured URLs. */
export function notificationUrlsFor(req: EmuRequest, configured: string[]): string[] {
  const override = urlList(req.headers['x-override-notification']);
  if (override.length > 0) return override;
  const append = urlList(req.headers['x-append-notification']);
  return append.length === 0 && configured.length === 0 ? [] : [...new Set([...configured, ...append])];
}

/**
 * Creates the charge handler. `numberInUse` tells whether a VA number / bill
 * key / payment code is held by a live transaction.
 */
export function createChargeHandler(
  ctx: EmuContext,
  opts: MethodOptions,
  numberInUse: (n: string) => boolean,
): (req: EmuRequest) => EmuResponse {
  return (req) => {
    const parsed = parseJsonBody(req);
    if (!parsed.ok) return parsed.response;
    const v = validateCharge(parsed.value);
    if (!v.ok) return validationError(v.messages);
    const input = v.input;

    const now = ctx.clock.now();
    let expiresAt = now + defaultExpiryMs(input, opts);
    if (input.customExpiry) {
      if (input.customExpiry.durationMs > maxExpiryMs(input)) {
        return validationError(['custom_expiry.expiry_duration exceeds the maximum allowed for this payment type']);
      }
      expiresAt = (input.customExpiry.orderTime ?? now) + input.customExpiry.durationMs;
    }

    // By order id only: `find` would first look the order id up as a transaction id (a read per charge).
    const previous = ctx.store.forOrder(input.orderId).at(-1);
    if (previous && !REUSABLE.has(previous.status)) return duplicateOrderId();

    const transactionId = newTransactionId();
    const tx: Transaction = {
      transactionId,
      orderId: input.orderId,
      source: 'core',
      paymentType: input.paymentType,
      grossAmount: input.grossAmount,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
      expiresAt,
      settledAt: null,
      ...methodDetails(
        input,
        { transactionId, merchantId: ctx.credentials.merchantId, baseUrl: ctx.baseUrl },
        numberInUse,
      ),
      refunds: [],
      notificationUrls: notificationUrlsFor(req, ctx.notificationUrls()),
      request: input.body,
    };
    ctx.store.insert(tx);
    // Filled in place, in wire order: spreading the fields into a literal copied each one again.
    const body: Record<string, unknown> = { status_code: '201', status_message: chargeMessage(tx) };
    transactionFields(tx, ctx, true, body);
    Object.assign(body, chargeExtras(tx, ctx.baseUrl, opts));
    return { status: 200, body };
  };
}
