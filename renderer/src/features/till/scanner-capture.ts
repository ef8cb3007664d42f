/**
 * The barcode scanner on the till: one `keydown` listener on `window` in the
 * capture phase, so it sees every key before any focused control does —
 * whatever has focus (the search box, a tile, a "+" button, a method button,
 * the cash amount). `scanner-detector.ts` decides from timings alone whether
 * a burst of keys was a scan; then:
 * - the Enter that ends it is swallowed (`preventDefault` +
 *   `stopImmediatePropagation`): no focused button is pressed, no form submits;
 * - its characters are taken back out of the field that received them (the
 *   field's value as it was when the burst began is put back through the
 *   native setter plus an `input` event, so React's state follows);
 * - code characters typed while a non-text control has focus are not let
 *   through at all (a `<select>` would jump to an option by type-ahead);
 * - the code is matched exactly (`scanner-match.ts`) and acted on by the
 *   till's screen (`scanner-plan.ts`): added, refused while a payment is on
 *   screen, or unknown — with a message and a beep.
 * A dialog over the till (the owner's PIN) is left alone: its keys are its own.
 */
import { useEffect, useRef, useState } from 'react';
import type { Product } from '../../../../shared/contract/schemas';
import { useSale } from '../../stores/sale-store';
import { createBeep, type Beep } from './scanner-beep';
import { createScanDetector, type ScanTimings } from './scanner-detector';
import { matchScan } from './scanner-match';
import { planScan } from './scanner-plan';
import { tillMode } from './till-mode';

/** What the last scan did, for the message over the till. `seq` tells two equal scans apart. */
export type ScanNotice =
  | { kind: 'added'; code: string; name: string; seq: number }
  | { kind: 'unknown'; code: string; seq: number }
  | { kind: 'refused'; reason: 'payment' | 'locked'; code: string; name: string | null; seq: number };

/** How long a scan's message stays up (a new scan replaces it at once): a refusal longer than "added". */
export const SCAN_NOTICE_MS = { added: 4_000, failed: 6_000 } as const;

/** A text field that received a burst's characters, as it was before them. */
interface FieldSnapshot {
  el: HTMLInputElement | HTMLTextAreaElement;
  value: string;
  start: number | null;
  end: number | null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'number', '']);

/** The focused element when it is a field that types text (where a scan's characters would land). */
function textField(target: EventTarget | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)) return target;
  return null;
}

/** Keys inside a dialog over the till (the owner's PIN, owner setup) or a password field are not the scanner's. */
function standsDown(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement && target.type === 'password') return true;
  return target.closest('[role="dialog"]:not([data-keyboard-help])') !== null;
}

/** Puts a field back as it was before a scan typed into it. */
function restore(s: FieldSnapshot): void {
  if (!s.el.isConnected || s.el.value === s.value) return;
  const proto = s.el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  // React tracks the value it last set; the native setter plus an input event is how its onChange hears the change.
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(s.el, s.value);
  s.el.dispatchEvent(new Event('input', { bubbles: true }));
  try {
    if (s.start !== null && s.end !== null) s.el.setSelectionRange(s.start, s.end);
  } catch {
    // Some input types have no selection; the value is what matters.
  }
}

export interface ScannerOptions {
  timings?: ScanTimings;
  beep?: Beep;
}

/**
 * Mounts the scanner on the till for as long as the calling component lives.
 * Returns the last scan's message (null when none is showing) and `dismiss`.
 */
export function useScannerCapture(products: readonly Product[], opts: ScannerOptions = {}) {
  const [notice, setNotice] = useState<ScanNotice | null>(null);
  const productsRef = useRef(products);
  productsRef.current = products;
  const optsRef = useRef(opts);

  useEffect(() => {
    const detector = createScanDetector(optsRef.current.timings);
    const beep = optsRef.current.beep ?? createBeep();
    let snapshot: FieldSnapshot | null = null;
    let seq = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const show = (n: ScanNotice) => {
      setNotice(n);
      clearTimeout(timer);
      timer = setTimeout(() => setNotice(null), n.kind === 'added' ? SCAN_NOTICE_MS.added : SCAN_NOTICE_MS.failed);
    };

    const take = (code: string) => {
      const st = useSale.getState();
      const mode = tillMode(st.sale, st.step, st.watching).kind;
      const editable = st.sale === null || (st.sale.status === 'open' && st.sale.editable);
      const product = matchScan(productsRef.current, code);
      const plan = planScan(product, { mode, editable, busy: st.busy });
      seq += 1;
      switch (plan.kind) {
        case 'add':
          st.addProduct(plan.product.sku);
          show({ kind: 'added', code, name: plan.product.name, seq });
          return;
        case 'next_sale':
          show({ kind: 'added', code, name: plan.product.name, seq });
          void st.newSale().then(() => useSale.getState().addProduct(plan.product.sku));
          return;
        case 'unknown':
          beep();
          show({ kind: 'unknown', code, seq });
          return;
        case 'refused':
          beep();
          show({ kind: 'refused', reason: plan.reason, code, name: product?.name ?? null, seq });
      }
    };

    const onKeyDown = (e: KeyboardEvent) => {
      if (standsDown(e.target)) {
        detector.reset();
        snapshot = null;
        return;
      }
      const verdict = detector.feed({ key: e.key, at: e.timeStamp, modified: e.ctrlKey || e.altKey || e.metaKey });
      if (verdict.kind === 'char') {
        const field = textField(e.target);
        if (verdict.starts) {
          snapshot = field ? { el: field, value: field.value, start: field.selectionStart, end: field.selectionEnd } : null;
        }
        // Not a text field: a code character has nothing to type into, and must not act (select type-ahead).
        if (!field) e.preventDefault();
        return;
      }
      if (verdict.kind !== 'scan') return;
      // Before any focused control sees it: no button is pressed, no form is submitted.
      e.preventDefault();
      e.stopImmediatePropagation();
      if (snapshot) restore(snapshot);
      snapshot = null;
      take(verdict.code);
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      clearTimeout(timer);
    };
  }, []);

  return { notice, dismiss: () => setNotice(null) };
}
