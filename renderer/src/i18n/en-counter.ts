/** English words for the counter's scanner, shortcuts and barcodes; the same shape as `id-counter.ts`. */
import type { idCounter } from './id-counter';

type Strings<T> = T extends string ? string : { readonly [K in keyof T]: Strings<T[K]> };

export const enCounter: Strings<typeof idCounter> = {
  scan: {
    added: '{{name}} added',
    unknown: 'Code {{code}} not recognised — nothing added',
    unknownHint: 'Check the product’s barcode on the Products tab, or search by name.',
    payment: 'Finish the payment first',
    paymentHint: 'Scan {{code}} was not added: a payment is on screen. Finish or cancel it first.',
    locked: 'Basket locked — {{code}} not added',
    lockedHint: 'Part of this sale is already paid. Start a new sale for other items.',
    dismiss: 'Close',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    open: 'F1 Help',
    openLabel: 'Show keyboard shortcuts (F1)',
    close: 'Close',
    intro: 'A whole sale works without the mouse: scan or search items, F4 cash, type the amount received, Enter, then Enter for the next sale.',
    scanner: 'Barcode scanner',
    scannerHint: 'Scan at any time, whatever has focus: the item goes into the basket. An unknown code beeps and adds nothing.',
    arrows: '↑ / ↓',
    arrowsHint: 'Choose a search result; Enter adds the one chosen.',
    searchPlaceholder: 'Search name, SKU or barcode (F2) · ↑↓ choose · Enter add',
    key: {
      Escape: 'Esc',
    },
    action: {
      help: 'Help (this list)',
      search: 'Search products',
      cash: 'Pay cash',
      qris: 'Pay by QRIS',
      cashReceived: 'Enter the cash received',
      charge: 'Charge / take the payment',
      void: 'Void the sale',
      newSale: 'New sale',
      back: 'Back / cancel the waiting payment',
    },
  },
  barcode: {
    label: 'Barcode',
    placeholder: 'Scan or type (optional)',
    hint: 'Scan the package’s barcode here. One barcode belongs to one product.',
    none: '—',
  },
};
