/**
 * Core API calls on an existing transaction: status, cancel, expire, refund
 * (and the card-only approve / deny / capture, which always answer 412 here
 * because the emulator creates no card transactions).
 */
import { randomUUID } from 'node:crypto';
import type { EmuContext, EmuRequest, EmuResponse, Transaction } from '../types';
import { isRecord, parseJsonBody } from '../server/body';
import { renderStatus, transactionFields, type RenderOptions } from './render';
import { cannotModify, notFound } from './responses';
import { formatAmount } from './signature';
import { parseRupiah } from './validate';

/** Methods Midtrans refunds through the API (reference §3); VA and cstore are not among them. */
const REFUNDABLE = new Set(['credit_card', 'gopay', 'shopeepay', 'dana', 'ovo', 'qris', 'kredivo', 'akulaku']);
/** Methods that only take full refunds. */
const FULL_REFUND_ONLY = new Set(['shopeepay', 'ovo']);
const REFUND_KEY_RE = /^[A-Za-z0-9\-_]{1,100}$/;

type Handler = (req: EmuRequest) => EmuResponse;

/** The action handlers, keyed by name. */
export function createActionHandlers(ctx: EmuContext, opts: RenderOptions): Record<string, Handler> {
  const lookup = (req: EmuRequest): Transaction | undefined => ctx.store.find(req.params.id ?? '');

  const status: Handler = (req) => {
    const tx = lookup(req);
    return tx ? { status: 200, body: renderStatus(tx, ctx, opts) } : notFound();
  };

  // Action bodies are ignored but must at least be well-formed when present.
  const withBody = (fn: (tx: Transaction, body: Record<string, unknown>) => EmuResponse): Handler => (req) => {
    const parsed = parseJsonBody(req);
    if (!parsed.ok) return parsed.response;
    const tx = lookup(req);
    if (!tx) return notFound();
    return fn(tx, isRecord(parsed.value) ? parsed.value : {});
  };

  const cancel = withBody((tx) => {
    if (tx.status !== 'pending' && tx.status !== 'capture') return cannotModify();
    ctx.store.transition(tx, 'cancel');
    return {
      status: 200,
      body: { status_code: '200', status_message: 'Success, transaction is canceled', ...transactionFields(tx, ctx) },
    };
  });

  const expire = withBody((tx) => {
    if (tx.status !== 'pending') return cannotModify();
    ctx.store.transition(tx, 'expire');
    return {
      status: 200,
      body: { status_code: '407', status_message: 'Success, transaction has expired', ...transactionFields(tx, ctx) },
    };
  });

  const refund = withBody((tx, body) => {
    if (tx.status !== 'settlement' && tx.status !== 'partial_refund') return cannotModify();
    if (!REFUNDABLE.has(tx.paymentType)) return cannotModify();
    const refunded = tx.refunds.reduce((s, r) => s + r.amount, 0);
    const remaining = tx.grossAmount - refunded;
    const amount = body.amount === undefined || body.amount === null ? remaining : parseRupiah(body.amount);
    if (amount === undefined || amount <= 0 || amount > remaining) return invalidRefundAmount();
    if (FULL_REFUND_ONLY.has(tx.paymentType) && amount !== tx.grossAmount) return invalidRefundAmount();

    let refundKey: string;
    if (body.refund_key === undefined || body.refund_key === null) refundKey = randomUUID();
    else if (typeof body.refund_key !== 'string' || !REFUND_KEY_RE.test(body.refund_key)) {
      return {
        status: 400,
        body: {
          status_code: '400',
          status_message: 'One or more parameters in the payload is invalid.',
          validation_messages: ['refund_key may only contain letters, digits, dash and underscore'],
        },
      };
    } else refundKey = body.refund_key;
    if (tx.refunds.some((r) => r.refundKey === refundKey)) {
      return { status: 200, body: { status_code: '406', status_message: 'Duplicate refund ID' } };
    }

    const chargebackId = tx.refunds.length + 1;
    const reason = typeof body.reason === 'string' ? body.reason : null;
    tx.refunds.push({ refundKey, amount, reason, at: ctx.clock.now(), chargebackId });
    ctx.store.transition(tx, refunded + amount === tx.grossAmount ? 'refund' : 'partial_refund');
    const f = transactionFields(tx, ctx);
    return {
      status: 200,
      body: {
        status_code: '200',
        status_message: 'Success, refund request is approved',
        transaction_id: f.transaction_id,
        order_id: f.order_id,
        gross_amount: f.gross_amount,
        currency: f.currency,
        payment_type: f.payment_type,
        transaction_time: f.transaction_time,
        transaction_status: f.transaction_status,
        refund_chargeback_id: chargebackId,
        refund_amount: formatAmount(amount),
        refund_key: refundKey,
      },
    };
  });

  // No emulated transaction is ever a card in `challenge` / `authorize`.
  const cardOnly = withBody(() => cannotModify());
  const capture: Handler = (req) => {
    const parsed = parseJsonBody(req);
    if (!parsed.ok) return parsed.response;
    const id = isRecord(parsed.value) ? parsed.value.transaction_id : undefined;
    if (typeof id !== 'string' || !ctx.store.find(id)) return notFound();
    return cannotModify();
  };

  return { status, cancel, expire, refund, approve: cardOnly, deny: cardOnly, capture };
}

function invalidRefundAmount(): EmuResponse {
  return { status: 200, body: { status_code: '414', status_message: 'Refund request is rejected due to invalid amount' } };
}
