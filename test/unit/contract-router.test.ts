import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../shared/contract/router';
import { KasirError } from '../../shared/contract/result';
import type { PaymentView } from '../../shared/contract/schemas';

const view: PaymentView = {
  id: 'P1',
  orderId: 'K-1',
  method: 'cash',
  status: 'settlement',
  amount: 10_000,
  refundedAmount: 0,
  action: { kind: 'cash' },
  createdAt: '2026-11-26T03:00:00.000Z',
  updatedAt: '2026-11-26T03:00:00.000Z',
  expiresAt: null,
  lastSource: 'manual',
  items: [{ sku: 'A', name: 'A', price: 10_000, quantity: 1 }],
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return {
    'app.info': () => ({ version: '1', shell: 'browser', gateway: 'emulator', zone: 'Asia/Jakarta', shopName: 'S', methods: ['cash'] }),
    'catalog.list': () => [],
    'payments.create': () => view,
    'payments.get': () => view,
    'payments.list': () => [view],
    'payments.cancel': unused,
    'payments.refund': unused,
    'reports.today': unused,
    'reports.closeDay': unused,
    'reports.closings': unused,
    'reports.exportCsv': unused,
    'settings.secrets': unused,
    'settings.setSecret': unused,
    ...overrides,
  };
}

describe('contract router', () => {
  it('returns the handler value as ok', async () => {
    const res = await createRouter(handlers()).dispatch('payments.get', { id: 'P1' });
    expect(res).toEqual({ ok: true, value: view });
  });

  it('answers an unknown channel with a typed error', async () => {
    const res = await createRouter(handlers()).dispatch('payments.steal', {});
    expect(res).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
  });

  it.each([
    ['non-string channel', 42, {}],
    ['prototype key', '__proto__', {}],
    ['constructor key', 'constructor', {}],
  ])('treats a %s as unknown', async (_label, channel, input) => {
    expect(await createRouter(handlers()).dispatch(channel, input)).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
  });

  it.each([
    ['missing field', {}],
    ['wrong type', { items: 'lots', method: 'qris' }],
    ['float money', { items: [{ sku: 'A', name: 'A', price: 10.5, quantity: 1 }], method: 'qris' }],
    ['unknown method', { items: [{ sku: 'A', name: 'A', price: 10, quantity: 1 }], method: 'bitcoin' }],
    ['extra key', { items: [{ sku: 'A', name: 'A', price: 10, quantity: 1 }], method: 'qris', admin: true }],
    ['null', null],
  ])('rejects a malformed payload (%s) before the handler runs', async (_label, input) => {
    const create = vi.fn(() => view);
    const res = await createRouter(handlers({ 'payments.create': create })).dispatch('payments.create', input);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(create).not.toHaveBeenCalled();
  });

  it('turns a thrown error into INTERNAL with no stack or message leak', async () => {
    const sink = vi.fn();
    const router = createRouter(
      handlers({
        'payments.get': () => {
          throw new Error('SQLITE_CORRUPT at /home/kasir/ledger.db serverKey=SB-Mid-server-xyz');
        },
      }),
      sink,
    );
    const res = await router.dispatch('payments.get', { id: 'P1' });
    expect(res).toEqual({ ok: false, code: 'INTERNAL', message: 'Something went wrong. Please try again.' });
    expect(JSON.stringify(res)).not.toMatch(/SQLITE|stack|at |serverKey/);
    expect(sink).toHaveBeenCalledOnce();
  });

  it('passes a deliberate KasirError through with its code', async () => {
    const router = createRouter(handlers({ 'payments.get': () => Promise.reject(new KasirError('NOT_FOUND', 'No such payment.')) }));
    expect(await router.dispatch('payments.get', { id: 'nope' })).toEqual({ ok: false, code: 'NOT_FOUND', message: 'No such payment.' });
  });

  it.each([
    ['float counted cash', { countedCash: 10.5 }],
    ['negative counted cash', { countedCash: -1 }],
    ['string force', { force: 'yes' }],
    ['extra key', { day: '2026-11-26' }],
  ])('rejects a malformed close-day payload (%s)', async (_label, input) => {
    const closeDay = vi.fn();
    const res = await createRouter(handlers({ 'reports.closeDay': closeDay })).dispatch('reports.closeDay', input);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(closeDay).not.toHaveBeenCalled();
  });

  it.each([['2026-02-30'], ['26-11-2026'], ['2026-11-26T00:00'], ['']])('rejects a CSV export of a non-day (%s)', async (day) => {
    const exportCsv = vi.fn();
    const res = await createRouter(handlers({ 'reports.exportCsv': exportCsv })).dispatch('reports.exportCsv', { day });
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(exportCsv).not.toHaveBeenCalled();
  });

  it('passes the open-payments refusal through as its own code', async () => {
    const router = createRouter(
      handlers({ 'reports.closeDay': () => { throw new KasirError('OPEN_PAYMENTS', '2 payments are still waiting.'); } }),
    );
    expect(await router.dispatch('reports.closeDay', {})).toEqual({ ok: false, code: 'OPEN_PAYMENTS', message: '2 payments are still waiting.' });
  });

  it('refuses to return an output that breaks the contract (e.g. a leaked field)', async () => {
    const leaky = { ...view, serverKey: 'SB-Mid-server-secret' } as PaymentView;
    const res = await createRouter(handlers({ 'payments.get': () => leaky })).dispatch('payments.get', { id: 'P1' });
    expect(res).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(JSON.stringify(res)).not.toContain('secret');
  });
});
