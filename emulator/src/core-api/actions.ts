/**
 * Core API calls on an existing transaction: status, cancel, expire, refund
 * (and the card-only approve / deny / capture, which always answer 412 here
 * because the emulator creates no card transactions).
 */
import { randomUUID } from 'node:crypto';
import type { EmuContext, EmuRequest, EmuResponse, Transaction, TxRefund } from '../types';
import { isRecord, parseJsonBody } from '../server/body';
import { FULL_REFUND_ONLY, REFUNDABLE_TYPES, refundedSoFar } from '../store/refund-rules';
import { renderStatus, transactionFields, type RenderOptions } from './render';
import { cannotModify, notFound } from './responses';
import { formatAmount } from './signature';
import { parseRupiah } from './validate';

const REFUND_KEY_RE = /^[A-Za-z0-9\-_]{1,100}$/;

type Handler = (req: EmuRequest) => EmuResponse;

/** Options for the action endpoints (see emulator/README.md). */
export interface ActionOptions extends RenderOptions {
  /**
   * A refund whose `refund_key` this transaction already holds:
   * `reject` (default) answers as the state says, 412 once fully refunded, else
   * 406 "Duplicate refund ID"; `replay` answers the original refund's success
   * body again (the docs' "retry the same refund request with the same refund_key").
   */
  refundKeyRetry: 'reject' | 'replay';
}

/** The action handlers, keyed by name. */
export function createActionHandlers(ctx: EmuContext, opts: ActionOptions): Record<string, Handler> {
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
    const earlier = typeof body.refund_key === 'string' ? tx.refunds.find((r) => r.refundKey === body.refund_key) : undefined;
    if (earlier && opts.refundKeyRetry === 'replay') return refundAnswer(tx, earlier);
    // State first: a retry of a full refund meets 412 before its refund_key is looked at.
    if (tx.status !== 'settlement' && tx.status !== 'partial_refund') return cannotModify();
    if (!REFUNDABLE_TYPES.has(tx.paymentType)) return cannotModify();
    const refunded = refundedSoFar(tx);
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

    const record: TxRefund = {
      refundKey,
      amount,
      reason: typeof body.reason === 'string' ? body.reason : null,
      at: ctx.clock.now(),
      chargebackId: tx.refunds.length + 1,
    };
    tx.refunds.push(record);
    ctx.store.transition(tx, refunded + amount === tx.grossAmount ? 'refund' : 'partial_refund');
    return refundAnswer(tx, record);
  });

  /** The success body for one refund of `tx` (reference §3 sample). */
  const refundAnswer = (tx: Transaction, r: TxRefund): EmuResponse => {
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
        refund_chargeback_id: r.chargebackId,
        refund_amount: formatAmount(r.amount),
        refund_key: r.refundKey,
      },
    };
  };

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
