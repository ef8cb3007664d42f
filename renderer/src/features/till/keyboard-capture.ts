/**
 * The till's F-key shortcuts (`keyboard-shortcuts.ts`), live: one `keydown`
 * listener on `window` in the capture phase, registered after the scanner's
 * (a scan's Enter never gets here). A shortcut either calls the sale store's
 * public actions (charge with cash or QRIS, back, leave a tender, next sale)
 * or focuses / presses the visible control it stands for, by its
 * `data-testid` — so a disabled button stays disabled from the keyboard
 * too, and the shortcut does exactly what the tap does. Keys inside a
 * dialog over the till (the owner's PIN) are the dialog's.
 */
import { useEffect, useRef, useState } from 'react';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { useSale } from '../../stores/sale-store';
import { planShortcut, shortcutFor, type ShortcutStep } from './keyboard-shortcuts';
import { tillMode } from './till-mode';

/** The enabled, rendered control with this test id, if any. */
function control(testId: string): HTMLElement | null {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!el || (el as HTMLButtonElement).disabled || el.getClientRects().length === 0) return null;
  return el;
}

/** A text field holding text: its own Escape (clear, close its panel) comes first. */
function fieldWithText(target: EventTarget | null): boolean {
  return (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && target.value !== '';
}

/**
 * Mounts the shortcuts for as long as the calling component lives.
 * `methods` are those main offers (QRIS only when it is one of them).
 */
export function useTillShortcuts(methods: readonly PaymentMethod[]) {
  const [helpOpen, setHelpOpen] = useState(false);
  const state = useRef({ helpOpen, methods });
  state.current = { helpOpen, methods };

  useEffect(() => {
    const run = (step: ShortcutStep) => {
      const st = useSale.getState();
      switch (step.kind) {
        case 'toggle_help':
          setHelpOpen((open) => !open);
          return;
        case 'close_help':
          setHelpOpen(false);
          return;
        case 'focus': {
          const el = control(step.testId);
          el?.focus();
          if (el instanceof HTMLInputElement) el.select();
          return;
        }
        case 'press':
          control(step.testId)?.click();
          return;
        case 'charge':
          if (step.method === 'qris' && !state.current.methods.includes('qris')) return;
          // A method button the till shows disabled (offline, not configured) is not charged from the keyboard either.
          if (document.querySelector(`[data-testid="method-${step.method}"]:disabled`)) return;
          void st.charge(step.method);
          return;
        case 'back':
          st.back();
          return;
        case 'leave_tender':
          void st.leaveTender('cart');
          return;
        case 'acknowledge':
          st.acknowledge();
          return;
        case 'new_sale':
          void st.newSale();
          return;
        case 'nothing':
          return;
      }
    };

    const onKeyDown = (e: KeyboardEvent) => {
      const action = shortcutFor(e.key, e.ctrlKey || e.altKey || e.metaKey);
      if (!action) return;
      const inDialog = e.target instanceof Element && e.target.closest('[role="dialog"]:not([data-keyboard-help])') !== null;
      // F-keys are the till's everywhere on it: never the browser's help, reload or DevTools.
      if (e.key !== 'Escape') e.preventDefault();
      if (inDialog || e.repeat) return;
      const st = useSale.getState();
      const mode = tillMode(st.sale, st.step, st.watching).kind;
      const sale = st.sale;
      const lines = sale?.quote.lines.length ?? 0;
      const canCharge = sale !== null && sale.status === 'open' && lines > 0 && !st.busy && !st.syncing;
      const step = planShortcut(action, { mode, helpOpen: state.current.helpOpen, canCharge, escapeOwnedByField: fieldWithText(e.target) });
      if (step.kind === 'nothing') return;
      if (e.key === 'Escape') e.preventDefault();
      run(step);
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  return { helpOpen, setHelpOpen };
}
