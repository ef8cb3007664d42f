/**
 * The error model at the contract: `{code, message, params, field?}` from a
 * deliberate KasirError and from a schema failure, and the fixed variant
 * vocabulary the renderer words them by.
 */
import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../shared/contract/router';
import { err, KasirError } from '../../shared/contract/result';
import { ERROR_VARIANTS, errorVariant } from '../../shared/contract/error-vocabulary';
import { channels } from '../../shared/contract/channels';

const caller = { id: 'till-test' };

/** A handler table where every channel but the ones given throws. */
function handlers(overrides: Partial<Handlers>): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return Object.fromEntries(Object.keys(channels).map((name) => [name, overrides[name as keyof Handlers] ?? unused])) as unknown as Handlers;
}

describe('errors across the contract', () => {
  it('always carry params, and field only when one is to blame', () => {
    expect(err('INTERNAL', 'x')).toEqual({ ok: false, code: 'INTERNAL', message: 'x', params: {} });
    expect(err('AMOUNT_INVALID', 'x', { params: { reason: 'refund_range', min: 1, max: 5 }, field: 'amount' })).toEqual({
      ok: false, code: 'AMOUNT_INVALID', message: 'x', params: { reason: 'refund_range', min: 1, max: 5 }, field: 'amount',
    });
    const plain = new KasirError('NOT_FOUND', 'No such payment.');
    expect([plain.params, plain.field]).toEqual([{}, undefined]);
  });

  it('a KasirError passes through the router with its params and field', async () => {
    const refund = () => {
      throw new KasirError('AMOUNT_INVALID', 'Refund must be between 1 and 34000.', {
        params: { reason: 'refund_range', min: 1, max: 34_000 },
        field: 'amount',
      });
    };
    const res = await createRouter(handlers({ 'payments.refund': refund })).dispatch('payments.refund', { id: 'P1', amount: 40_000 }, caller);
    expect(res).toEqual({
      ok: false,
      code: 'AMOUNT_INVALID',
      message: 'Refund must be between 1 and 34000.',
      params: { reason: 'refund_range', min: 1, max: 34_000 },
      field: 'amount',
    });
  });

  it('a schema failure names the first offending field and the issue', async () => {
    const router = createRouter(handlers({}));
    const zero = await router.dispatch('catalog.save', { sku: 'ES-JERUK', name: 'Es Jeruk', price: 0, category: 'Minuman', active: true }, caller);
    expect(zero).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'price', params: { issue: 'too_small', minimum: 1, origin: 'number' } });
    const cash = await router.dispatch('reports.closeDay', { countedCash: -1 }, caller);
    expect(cash).toMatchObject({ code: 'INVALID_INPUT', field: 'countedCash', params: { issue: 'too_small', minimum: 0 } });
    const line = await router.dispatch('payments.create', { items: [{ sku: 'A', name: 'A', price: 10.5, quantity: 1 }], method: 'qris' }, caller);
    expect(line).toMatchObject({ code: 'INVALID_INPUT', field: 'items.0.price', params: { issue: 'invalid_type' } });
    const whole = await router.dispatch('payments.create', null, caller);
    expect(whole).toMatchObject({ code: 'INVALID_INPUT', params: { issue: 'invalid_type' } });
    expect(whole).not.toHaveProperty('field');
  });

  it('picks a variant only from the fixed vocabulary', () => {
    expect(errorVariant('CONFLICT', { reason: 'already_closed', day: '2026-11-26' })).toBe('already_closed');
    expect(errorVariant('CONFLICT', { reason: 'made_up' })).toBeNull();
    expect(errorVariant('NOT_FOUND', { what: 'payment', id: 'P1' })).toBe('payment');
    expect(errorVariant('GATEWAY_UNAVAILABLE', { outcome: 'maybe_processed' })).toBe('maybe_processed');
    expect(errorVariant('LOCKED', { retryAfterSeconds: 30 })).toBe('retry_later');
    expect(errorVariant('LOCKED', {})).toBe('until_unlocked');
    expect(errorVariant('PIN_INVALID', { failedCount: 1, attemptsLeft: 9, retryAfterSeconds: 0 })).toBe('attempts_left');
    expect(errorVariant('PIN_INVALID', { failedCount: 4, attemptsLeft: 6, retryAfterSeconds: 30 })).toBe('wait');
    expect(errorVariant('OPEN_PAYMENTS', { count: 2, total: 44_000 })).toBe('waiting');
    expect(errorVariant('DUPLICATE_ORDER', { reason: 'anything' })).toBeNull();
    for (const spec of Object.values(ERROR_VARIANTS)) expect(new Set(spec.values).size).toBe(spec.values.length);
  });

  it('a variant param outside the vocabulary does not compile', () => {
    // @ts-expect-error 'made_up' is not a CONFLICT reason
    const wrong = new KasirError('CONFLICT', 'x', { params: { reason: 'made_up' } });
    expect(wrong.code).toBe('CONFLICT');
  });
});
