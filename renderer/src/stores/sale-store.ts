/**
 * The sale on the till, as main owns it (issue 10): this store holds main's
 * `SaleView` (read at start with `sales.current`, kept live by
 * `sale.updated`) and turns what the cashier does into `sales.*` calls. It
 * never prices anything: a tap sends the lines, main answers the quote.
 *
 * Basket edits are queued: each tap edits a local draft and one
 * `sales.setLines` is in flight at a time, sending the latest draft, so fast
 * taps are never lost or reordered. Tender calls wait for the queue, so a
 * tender always covers the basket on screen.
 *
 * Never locked (issue 11): an open tender can always be left — switch
 * method keeping the sale, take cash, start over — through
 * `sales.abandonTender` (main cancels it at the gateway in the background).
 * A charge with no answer after {@link SLOW_CHARGE_MS} offers "Berhenti
 * menunggu": the till stops waiting (its answer, when it comes, no longer
 * drives the screen) and the tender is abandoned; main resolves the charge
 * with the same idempotency key, so it is never charged twice.
 */
import { create } from 'zustand';
import type { PaymentMethod } from '../../../shared/domain/payment';
import { PAYMENT_METHOD_SPECS } from '../../../shared/domain/payment-methods';
import type { SaleView } from '../../../shared/contract/sale-schemas';
import type { Err, Result } from '../../../shared/contract/result';
import { call } from '../api';
import { withApproval } from './approval-store';
import * as edit from './sale-lines';
import type { SaleState } from './sale-state';

/** How long a charge may go unanswered before the till offers to stop waiting. */
export const SLOW_CHARGE_MS = 5_000;

const isCash = (m: PaymentMethod) => PAYMENT_METHOD_SPECS[m].family === 'cash';

/** The electronic tender waiting for the customer, if any (restored after a restart too); an abandoned one never is. */
const openTenderOf = (sale: SaleView) => sale.tenders.find((t) => t.counts === 'open' && !t.abandoned && !isCash(t.method)) ?? null;

export const useSale = create<SaleState>((set, get) => {
  /** The basket as the cashier last left it, not yet answered by main; null when main's sale is the truth. */
  let draft: edit.Draft | null = null;
  /** The running setLines queue, if any. */
  let queue: Promise<Err | null> | null = null;
  /** Bumped by every tender-side call and by "stop waiting": an answer whose number is stale no longer drives the screen. */
  let op = 0;
  /** Tender calls the cashier stopped waiting for: if one answers with an open tender, it is left too. */
  const leftOps = new Set<number>();

  /** Takes main's answer; an open electronic tender is the one on screen. */
  const show = (sale: SaleView, patch: Partial<SaleState> = {}) => {
    const open = openTenderOf(sale);
    set({ sale, ...(open ? { watching: open.paymentId } : {}), ...patch });
  };

  /** The sale to edit: main's open one, or a new one for the first tap. */
  const openSale = async (): Promise<Result<SaleView>> => {
    const cur = get().sale;
    if (cur && cur.status === 'open') return { ok: true, value: cur };
    const res = await call('sales.open');
    if (res.ok) show(res.value, { step: 'none', watching: null });
    return res;
  };

  const runQueue = async (): Promise<Err | null> => {
    await null; // yield first, so `queue` is set before this can clear it
    let failure: Err | null = null;
    set({ syncing: true, linesError: null });
    while (draft) {
      const sending = draft;
      const sale = await openSale();
      if (!sale.ok) {
        failure = sale;
        break;
      }
      const input = edit.setLinesInput(sale.value.id, sending);
      // A discount above the owner's threshold needs the owner: the PIN prompt, then the same lines again.
      const res = await withApproval((approval) => call('sales.setLines', { ...input, ...approval }));
      if (!res.ok) {
        failure = res;
        break;
      }
      show(res.value);
      if (draft === sending) draft = null;
    }
    // Refused: the edits queued behind it are dropped too; the basket shows main's last answer.
    draft = null;
    queue = null;
    set({ syncing: false, linesError: failure });
    return failure;
  };

  /** Applies one edit to the latest basket and makes sure it is sent. */
  const change = (fn: (d: edit.Draft) => edit.Draft): Promise<Err | null> => {
    draft = fn(draft ?? edit.draftOf(get().sale));
    queue ??= runQueue();
    return queue;
  };

  /** Runs one tender-side call: one at a time, after the basket reached main. */
  const tenderCall = async (run: (sale: SaleView) => Promise<Result<SaleView>>, patch: (s: SaleView) => Partial<SaleState> = () => ({})) => {
    if (get().busy) return false;
    const mine = ++op;
    set({ busy: true, tenderError: null });
    if (queue) await queue;
    const sale = get().sale;
    if (!sale) {
      set({ busy: false });
      return false;
    }
    const res = await run(sale);
    if (mine !== op) {
      // The cashier stopped waiting for this call: its answer is news about the sale, nothing more.
      if (res.ok) lateAnswer(mine, res.value);
      return false;
    }
    if (res.ok) show(res.value, { busy: false, ...patch(res.value) });
    else set({ busy: false, tenderError: res });
    return res.ok;
  };

  /** The answer of a call the cashier stopped waiting for. */
  const lateAnswer = (which: number, sale: SaleView) => {
    const cur = get().sale;
    if (cur && cur.id === sale.id && sale.updatedAt >= cur.updatedAt && !get().busy) set({ sale });
    if (!leftOps.delete(which)) return;
    // The charge answered after all with a tender waiting for the customer: the cashier already left it.
    const open = sale.status === 'open' ? openTenderOf(sale) : null;
    if (open) void call('sales.abandonTender', { saleId: sale.id, paymentId: open.paymentId }).then((r) => r.ok && useSale.getState().receive(r.value));
  };

  /** Leaves tender `paymentId` of `saleId` and shows the sale (the tender no longer counts). */
  const leave = async (saleId: string, paymentId: string, patch: Partial<SaleState>): Promise<Err | null> => {
    const res = await call('sales.abandonTender', { saleId, paymentId });
    if (!res.ok) {
      set({ tenderError: res });
      return res;
    }
    set({ sale: res.value, tenderError: null, ...patch });
    return null;
  };

  /** The tender an addTender answer added: the highest sequence number. */
  const newest = (sale: SaleView) => [...sale.tenders].sort((a, b) => b.seq - a.seq)[0]?.paymentId ?? null;

  return {
    sale: null,
    step: 'none',
    watching: null,
    method: null,
    syncing: false,
    busy: false,
    linesError: null,
    tenderError: null,
    slow: false,
    leaving: false,

    async load() {
      const res = await call('sales.current');
      if (!res.ok) return;
      if (res.value) show(res.value);
      else if (get().sale?.status === 'open') set({ sale: null, step: 'none', watching: null });
    },

    receive(sale) {
      const cur = get().sale;
      // Our own edit's answer is on its way; an older push must not undo a newer answer.
      if (cur && sale.id === cur.id && (queue || sale.updatedAt < cur.updatedAt)) return;
      // Another sale settling in the background (a late webhook) never replaces the one on screen.
      if (cur && sale.id !== cur.id) return;
      if (!cur && sale.status !== 'open') return;
      show(sale);
    },

    addProduct: (sku) => void change((d) => edit.addSku(d, sku)),
    setQuantity: (lineId, quantity) => void change((d) => edit.setQuantity(d, lineId, quantity)),
    removeLine: (lineId) => void change((d) => edit.removeLine(d, lineId)),
    clear: () => change(() => ({ lines: [], saleDiscounts: [] })),
    setLineDiscount: (lineId, discount) => change((d) => edit.setLineDiscount(d, lineId, discount)),
    setSaleDiscount: (discount) => change((d) => edit.setSaleDiscount(d, discount)),

    chooseMethod: (method) => set({ method, tenderError: null }),

    async charge(method) {
      set({ method, tenderError: null });
      if (isCash(method)) {
        set({ step: 'cash' });
        return;
      }
      const timer = setTimeout(() => {
        if (get().busy) set({ slow: true });
      }, SLOW_CHARGE_MS);
      try {
        await tenderCall(
          (sale) => call('sales.addTender', { saleId: sale.id, method }),
          (sale) => ({ step: 'none', watching: newest(sale) }),
        );
      } finally {
        clearTimeout(timer);
        set({ slow: false });
      }
    },

    openPart: () => set({ step: 'part', tenderError: null }),
    back: () => set({ step: 'none', tenderError: null }),

    payCash: (received) =>
      tenderCall(
        (sale) => call('sales.addTender', { saleId: sale.id, method: 'cash', ...(received === null ? {} : { received }) }),
        () => ({ step: 'none', watching: null }),
      ),

    payPart: (method, amount) =>
      tenderCall(
        (sale) => call('sales.addTender', { saleId: sale.id, method, amount }),
        (sale) => ({ step: 'none', watching: newest(sale) }),
      ),

    async cancelTender() {
      const open = get().sale ? openTenderOf(get().sale as SaleView) : null;
      if (!open) return;
      await tenderCall((sale) => call('sales.cancelTender', { saleId: sale.id, paymentId: open.paymentId }), () => ({ watching: open.paymentId }));
    },

    async leaveTender(then) {
      const sale = get().sale;
      const open = sale ? openTenderOf(sale) : null;
      if (!sale || !open || get().leaving) return null;
      // The charge that created it may still be in flight (pushed as `creating`): stop waiting for its answer.
      if (get().busy) {
        leftOps.add(op);
        op += 1;
      }
      set({ busy: true, leaving: true, slow: false });
      // busy drops in the same update that opens the next panel: the cash amount can take the focus at once.
      const next: Partial<SaleState> = then === 'cash' ? { step: 'cash', method: 'cash', watching: null } : { step: 'none', watching: null };
      const refusal = await leave(sale.id, open.paymentId, { ...next, busy: false, leaving: false });
      if (refusal) set({ busy: false, leaving: false });
      return refusal;
    },

    async stopWaiting() {
      const sale = get().sale;
      if (!sale) return null;
      // The charge in flight is no longer waited for: its answer stops driving the screen.
      leftOps.add(op);
      op += 1;
      set({ busy: false, slow: false });
      // Its tender was written before any network call; main's fresh view names it.
      const fresh = await call('sales.get', { saleId: sale.id });
      const view = fresh.ok ? fresh.value : sale;
      const open = openTenderOf(view);
      if (!open) {
        if (fresh.ok) set({ sale: fresh.value, step: 'none', watching: null });
        return null;
      }
      return leave(view.id, open.paymentId, { step: 'none', watching: null });
    },

    acknowledge: () => set({ watching: null, step: 'none', tenderError: null }),

    async voidSale(reason) {
      let refusal: Err | null = null;
      await tenderCall(async (sale) => {
        const res = await withApproval((approval) => call('sales.void', { saleId: sale.id, reason: reason.trim(), ...approval }));
        if (!res.ok) refusal = res;
        return res;
      }, () => ({ step: 'none', watching: null }));
      return refusal;
    },

    async newSale() {
      const waiting = get().sale;
      // A tender still waiting is left first (never locked: the next customer does not wait for this one).
      if (waiting?.status === 'open' && waiting.paid === 0 && openTenderOf(waiting)) {
        if (await get().leaveTender('cart')) return;
      }
      const sale = get().sale;
      const nothingPaid = sale?.status === 'open' && sale.paid === 0 && sale.editable;
      if (nothingPaid) {
        set({ watching: null, step: 'none', tenderError: null, method: null });
        await get().clear();
        return;
      }
      if (get().busy) return;
      set({ busy: true, tenderError: null });
      const res = await call('sales.open');
      if (res.ok) show(res.value, { busy: false, step: 'none', watching: null, method: null, linesError: null });
      else set({ busy: false, tenderError: res });
    },
  };
});
