/**
 * The till's keyboard shortcuts, pure (unit-tested in plain Node): which key
 * does what, and what it does on each screen. One table, so the help overlay
 * (F1), renderer/README.md and the handler never disagree.
 *
 * Keys Chromium keeps for itself are avoided: F11 (full screen), Ctrl+W/T/N,
 * Ctrl+Tab. The F-keys used here reach the page first, and the till's
 * handler `preventDefault`s them, so F1 opens our help (not the browser's),
 * F5 charges QRIS (it does not reload) and F12 is ours (not DevTools).
 */
import type { TillMode } from './till-mode';

export type ShortcutAction = 'help' | 'search' | 'cash' | 'qris' | 'cashReceived' | 'charge' | 'void' | 'newSale' | 'back';

/** The shortcuts in the order the help overlay lists them. */
export const SHORTCUTS: readonly { key: string; action: ShortcutAction }[] = [
  { key: 'F1', action: 'help' },
  { key: 'F2', action: 'search' },
  { key: 'F4', action: 'cash' },
  { key: 'F5', action: 'qris' },
  { key: 'F8', action: 'cashReceived' },
  { key: 'F9', action: 'charge' },
  { key: 'F10', action: 'void' },
  { key: 'F12', action: 'newSale' },
  { key: 'Escape', action: 'back' },
];

/** The action of a key (`KeyboardEvent.key`), or null. Ctrl/Alt/Meta combinations are never ours. */
export function shortcutFor(key: string, modified = false): ShortcutAction | null {
  if (modified) return null;
  return SHORTCUTS.find((s) => s.key === key)?.action ?? null;
}

/** The till as a shortcut finds it. */
export interface ShortcutContext {
  mode: TillMode['kind'];
  helpOpen: boolean;
  /** The sale has lines, nothing is in flight and something is left to pay (or a Rp 0 sale for cash). */
  canCharge: boolean;
  /** Focus is in a text field that holds text: Escape clears that field first (its own handler). */
  escapeOwnedByField: boolean;
}

/** What the handler does for a shortcut. */
export type ShortcutStep =
  | { kind: 'toggle_help' }
  | { kind: 'close_help' }
  /** Focus (and select) the control with this `data-testid`. */
  | { kind: 'focus'; testId: string }
  /** Press the visible control with this `data-testid` (when enabled: the same rules as a tap). */
  | { kind: 'press'; testId: string }
  | { kind: 'charge'; method: 'cash' | 'qris' }
  | { kind: 'back' }
  | { kind: 'leave_tender' }
  | { kind: 'acknowledge' }
  | { kind: 'new_sale' }
  | { kind: 'nothing' };

const NOTHING: ShortcutStep = { kind: 'nothing' };

/** The step for `action` on the till as it is. */
export function planShortcut(action: ShortcutAction, till: ShortcutContext): ShortcutStep {
  const { mode } = till;
  switch (action) {
    case 'help':
      return { kind: 'toggle_help' };
    case 'search':
      return mode === 'cart' ? { kind: 'focus', testId: 'product-search' } : NOTHING;
    case 'cash':
      if (mode === 'cash') return { kind: 'focus', testId: 'cash-received' };
      return mode === 'cart' && till.canCharge ? { kind: 'charge', method: 'cash' } : NOTHING;
    case 'qris':
      return mode === 'cart' && till.canCharge ? { kind: 'charge', method: 'qris' } : NOTHING;
    case 'cashReceived':
      if (mode === 'cash') return { kind: 'focus', testId: 'cash-received' };
      return mode === 'cart' && till.canCharge ? { kind: 'charge', method: 'cash' } : NOTHING;
    case 'charge':
      if (mode === 'cash') return { kind: 'press', testId: 'cash-confirm' };
      return mode === 'cart' ? { kind: 'press', testId: 'charge' } : NOTHING;
    case 'void':
      return mode === 'cart' ? { kind: 'press', testId: 'void-open' } : NOTHING;
    case 'newSale':
      if (mode === 'paid' || mode === 'voided') return { kind: 'new_sale' };
      return mode === 'failed' ? { kind: 'press', testId: 'new-sale' } : NOTHING;
    case 'back':
      if (till.helpOpen) return { kind: 'close_help' };
      if (till.escapeOwnedByField) return NOTHING;
      if (mode === 'cash' || mode === 'part') return { kind: 'back' };
      if (mode === 'tender') return { kind: 'leave_tender' };
      if (mode === 'failed') return { kind: 'acknowledge' };
      return NOTHING;
  }
}
