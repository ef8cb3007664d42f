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
  referenceNo: null,
  items: [{ sku: 'A', name: 'A', price: 10_000, quantity: 1 }],
};

/** The shell's name for the window or page a call came from. */
const caller = { id: 'till-test' };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return {
    'app.info': () => ({ version: '1', shell: 'browser', gateway: 'emulator', zone: 'Asia/Jakarta', shopName: 'S', methods: ['cash'], printer: 'none', language: 'id' }),
    'app.setLanguage': unused,
    'app.connection': () => ({ state: 'unknown', since: null }),
    'catalog.list': () => [],
    'catalog.all': () => [],
    'catalog.save': unused,
    'catalog.remove': unused,
    'payments.create': () => view,
    'payments.get': () => view,
    'payments.list': () => [view],
    'payments.cancel': unused,
    'payments.refund': unused,
    'reports.today': unused,
    'reports.closeDay': unused,
    'reports.closings': unused,
    'reports.unclosedDays': unused,
    'reports.exportCsv': unused,
    'receipts.print': unused,
    'settings.secrets': unused,
    'settings.setSecret': unused,
    'settings.backupNow': unused,
    'session.touch': unused,
    'session.current': unused,
    'session.roster': unused,
    'session.signIn': unused,
    'session.signOut': unused,
    'staff.createOwner': unused,
    'staff.recoverOwner': unused,
    'staff.list': unused,
    'staff.create': unused,
    'staff.update': unused,
    'staff.unlock': unused,
    'owner.settings': unused,
    'owner.updateSettings': unused,
    'audit.list': unused,
    'audit.exportCsv': unused,
    'sales.current': () => null,
    'sales.open': unused,
    'sales.get': unused,
    'sales.list': () => [],
    'sales.setLines': unused,
    'sales.addTender': unused,
    'sales.cancelTender': unused,
    'sales.abandonTender': unused,
    'sales.latePayments': () => [],
    'sales.resolveLatePayment': unused,
    'sales.void': unused,
    'sales.refundToDrawer': unused,
    'sales.receipt': unused,
    'sales.printReceipt': unused,
    'drawer.open': unused,
    ...overrides,
  };
}

describe('contract router', () => {
  it('returns the handler value as ok', async () => {
    const res = await createRouter(handlers()).dispatch('payments.get', { id: 'P1' }, caller);
    expect(res).toEqual({ ok: true, value: view });
  });

  it('answers an unknown channel with a typed error', async () => {
    const res = await createRouter(handlers()).dispatch('payments.steal', {}, caller);
    expect(res).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
  });

  it.each([
    ['non-string channel', 42, {}],
    ['prototype key', '__proto__', {}],
    ['constructor key', 'constructor', {}],
  ])('treats a %s as unknown', async (_label, channel, input) => {
    expect(await createRouter(handlers()).dispatch(channel, input, caller)).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
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
    const res = await createRouter(handlers({ 'payments.create': create })).dispatch('payments.create', input, caller);
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
    const res = await router.dispatch('payments.get', { id: 'P1' }, caller);
    expect(res).toEqual({ ok: false, code: 'INTERNAL', message: 'Something went wrong. Please try again.', params: {} });
    expect(JSON.stringify(res)).not.toMatch(/SQLITE|stack|at |serverKey/);
    expect(sink).toHaveBeenCalledOnce();
  });

  it('passes a deliberate KasirError through with its code', async () => {
    const router = createRouter(handlers({ 'payments.get': () => Promise.reject(new KasirError('NOT_FOUND', 'No such payment.')) }));
    expect(await router.dispatch('payments.get', { id: 'nope' }, caller)).toEqual({ ok: false, code: 'NOT_FOUND', message: 'No such payment.', params: {} });
  });

  it.each([
    ['float counted cash', { countedCash: 10.5 }],
    ['negative counted cash', { countedCash: -1 }],
    ['string force', { force: 'yes' }],
    ['extra key', { date: '2026-11-26' }],
    ['non-day', { day: '2026-02-30' }],
    ['day with a time', { day: '2026-11-26T00:00' }],
  ])('rejects a malformed close-day payload (%s)', async (_label, input) => {
    const closeDay = vi.fn();
    const res = await createRouter(handlers({ 'reports.closeDay': closeDay })).dispatch('reports.closeDay', input, caller);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(closeDay).not.toHaveBeenCalled();
  });

  it('passes a chosen day to close through to the handler', async () => {
    const closeDay = vi.fn(() => {
      throw new KasirError('CONFLICT', 'closed');
    });
    await createRouter(handlers({ 'reports.closeDay': closeDay })).dispatch('reports.closeDay', { day: '2026-11-25', countedCash: 0 }, caller);
    expect(closeDay).toHaveBeenCalledWith({ day: '2026-11-25', countedCash: 0 }, { callerId: 'till-test' });
  });

  it.each([['2026-02-30'], ['26-11-2026'], ['2026-11-26T00:00'], ['']])('rejects a CSV export of a non-day (%s)', async (day) => {
    const exportCsv = vi.fn();
    const res = await createRouter(handlers({ 'reports.exportCsv': exportCsv })).dispatch('reports.exportCsv', { day }, caller);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(exportCsv).not.toHaveBeenCalled();
  });

  it('passes the open-payments refusal through as its own code', async () => {
    const router = createRouter(
      handlers({ 'reports.closeDay': () => { throw new KasirError('OPEN_PAYMENTS', '2 payments are still waiting.'); } }),
    );
    expect(await router.dispatch('reports.closeDay', {}, caller)).toEqual({ ok: false, code: 'OPEN_PAYMENTS', message: '2 payments are still waiting.', params: {} });
  });

  it.each([
    ['float price', { sku: 'ES-JERUK', name: 'Es Jeruk', price: 9000.5, category: 'Minuman', active: true }],
    ['zero price', { sku: 'ES-JERUK', name: 'Es Jeruk', price: 0, category: 'Minuman', active: true }],
    ['price as text', { sku: 'ES-JERUK', name: 'Es Jeruk', price: '9000', category: 'Minuman', active: true }],
    ['blank name', { sku: 'ES-JERUK', name: '   ', price: 9000, category: 'Minuman', active: true }],
    ['sku over 50 chars', { sku: 'X'.repeat(51), name: 'Es Jeruk', price: 9000, category: 'Minuman', active: true }],
    ['sku with a space', { sku: 'ES JERUK', name: 'Es Jeruk', price: 9000, category: 'Minuman', active: true }],
    ['missing active', { sku: 'ES-JERUK', name: 'Es Jeruk', price: 9000, category: 'Minuman' }],
    ['extra key', { sku: 'ES-JERUK', name: 'Es Jeruk', price: 9000, category: 'Minuman', active: true, sortOrder: 1 }],
  ])('rejects a malformed catalog.save (%s) before the handler runs', async (_label, input) => {
    const save = vi.fn();
    const res = await createRouter(handlers({ 'catalog.save': save })).dispatch('catalog.save', input, caller);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(save).not.toHaveBeenCalled();
  });

  it('hands catalog.save a trimmed, upper-cased SKU', async () => {
    const saved = { sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, category: 'Minuman', taxClass: 'standard' as const, barcode: null, active: true, sortOrder: 11, updatedAt: 'x' };
    const save = vi.fn(() => saved);
    const res = await createRouter(handlers({ 'catalog.save': save })).dispatch('catalog.save', {
      sku: ' es-jeruk ', name: ' Es Jeruk ', price: 9_000, category: 'Minuman', active: true,
    }, caller);
    expect(res).toEqual({ ok: true, value: saved });
    expect(save).toHaveBeenCalledWith({ sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, category: 'Minuman', active: true }, { callerId: 'till-test' });
  });

  it.each([
    ['unknown language', { id: 'P1', language: 'fr' }],
    ['missing language', { id: 'P1' }],
    ['bad id', { id: '../P1', language: 'id' }],
    ['extra key', { id: 'P1', language: 'id', host: '8.8.8.8' }],
  ])('rejects a malformed receipts.print (%s) before the handler runs', async (_label, input) => {
    const print = vi.fn();
    const res = await createRouter(handlers({ 'receipts.print': print })).dispatch('receipts.print', input, caller);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(print).not.toHaveBeenCalled();
  });

  it('passes a printer error through with its code and message', async () => {
    const router = createRouter(
      handlers({ 'receipts.print': () => Promise.reject(new KasirError('PRINTER_UNAVAILABLE', 'The receipt printer at 127.0.0.1:9100 is offline.')) }),
    );
    expect(await router.dispatch('receipts.print', { id: 'P1', language: 'id' }, caller)).toEqual({
      ok: false,
      code: 'PRINTER_UNAVAILABLE',
      message: 'The receipt printer at 127.0.0.1:9100 is offline.',
      params: {},
    });
    const ok = createRouter(handlers({ 'receipts.print': () => ({ printed: true, bytes: 321 }) }));
    expect(await ok.dispatch('receipts.print', { id: 'P1', language: 'en' }, caller)).toEqual({ ok: true, value: { printed: true, bytes: 321 } });
  });

  it('refuses to return an output that breaks the contract (e.g. a leaked field)', async () => {
    const leaky = { ...view, serverKey: 'SB-Mid-server-secret' } as PaymentView;
    const res = await createRouter(handlers({ 'payments.get': () => leaky })).dispatch('payments.get', { id: 'P1' }, caller);
    expect(res).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(JSON.stringify(res)).not.toContain('secret');
  });
});
