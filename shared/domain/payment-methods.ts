/**
 * The one description of every payment method a till offers. Each row says
 * what the method is (family, label, the name printed on receipts), how each
 * Midtrans API charges it, how long a charge stays payable, whether and how
 * long Midtrans can refund it, and what one transaction may be worth. Every
 * per-method list or table in Kasir is derived from this table (below, and in
 * the gateway, receipts, settings and renderer); adding a method starts here
 * (see README.md beside this file).
 *
 * Pure data and pure functions: no DOM, no Node, imported by main and renderer.
 */

/** Which Midtrans API carries a method (cash never leaves the till). */
export type GatewayApi = 'snap_bi' | 'core_api' | 'none';

/** What kind of payment a method is; UI grouping and per-kind behaviour key on this, not on method names. */
export type PaymentFamily = 'qris' | 'ewallet' | 'va' | 'bill' | 'cstore' | 'cash';

/** Core API v2 `bank_transfer.bank` values Midtrans documents. */
export type CoreVaBank = 'bca' | 'bni' | 'bri' | 'permata' | 'cimb';
/** SNAP-BI create-va `additionalInfo.bank` values Midtrans documents. */
export type SnapVaBank = 'bca' | 'bni' | 'bri' | 'permata' | 'cimb' | 'mandiri' | 'danamon' | 'bsi' | 'seabank' | 'saqu';

/**
 * How `POST /v2/charge` names the method: its `payment_type` and the
 * parameters of the method object that do not depend on the order.
 */
export type CoreApiCharge =
  | { readonly paymentType: 'qris'; readonly acquirer: 'gopay' | 'airpay shopee' }
  | { readonly paymentType: 'gopay' }
  | { readonly paymentType: 'shopeepay' }
  | { readonly paymentType: 'bank_transfer'; readonly bank: CoreVaBank }
  | { readonly paymentType: 'echannel' }
  | { readonly paymentType: 'cstore'; readonly store: 'indomaret' | 'alfamart' };

/** The SNAP-BI product that charges the method and its parameters. */
export type SnapBiCharge =
  | { readonly kind: 'qris'; readonly acquirer: 'gopay' }
  | { readonly kind: 'debit'; readonly payOption: 'GOPAY' | 'SHOPEEPAY' | 'DANA' }
  | { readonly kind: 'va'; readonly bank: SnapVaBank };

/** Whether Midtrans can give the money back through its refund API. */
export type RefundRule =
  | { readonly viaGateway: false }
  | {
      readonly viaGateway: true;
      /** Days after payment Midtrans still accepts a refund (the shortest window among the ways the method can be paid). */
      readonly windowDays: number;
      /** False when Midtrans refunds the whole amount only. */
      readonly partial: boolean;
    };

/** Per-transaction amount limits in whole rupiah; `max: null` = no cap of its own (MAX_RUPIAH still applies). */
export interface AmountLimits {
  readonly min: number;
  readonly max: number | null;
}

/**
 * What the customer sees at a counter when the till charges the method: a QR
 * to scan, a number or code to pay with (VA, bill key, store code), cash —
 * or only a redirect link, which a customer standing at a counter cannot open
 * (the till offers such a method disabled, with the reason).
 */
export type CounterView = 'qr' | 'code' | 'cash' | 'redirect_only';

/** Everything Kasir knows about one payment method. */
export interface PaymentMethodSpec {
  readonly family: PaymentFamily;
  /** i18n key of the method's label in the renderer (`renderer/src/i18n/*.ts`). */
  readonly labelKey: `method.${string}`;
  /** Untranslated short name: receipts (brands are not translated), log and error texts. */
  readonly name: string;
  /**
   * The payment engine's default API for the method. The till routes a fresh
   * install by {@link TILL_API_FOR} (this, or `counterApi` where the counter
   * needs another API); settings.json `routing` may override within what the method supports.
   */
  readonly defaultApi: GatewayApi;
  /** How the Core API charges it; null = not available there. */
  readonly coreApi: CoreApiCharge | null;
  /** How SNAP-BI charges it; null = not available there. */
  readonly snapBi: SnapBiCharge | null;
  /**
   * Minutes a new charge stays payable. Kasir fixes it in the intent for
   * SNAP-BI (its replies do not echo an expiry); Core API replies carry
   * Midtrans' own `expiry_time` (the same defaults). Null: the gateway's default.
   */
  readonly validityMinutes: number | null;
  readonly refund: RefundRule;
  /**
   * True when Midtrans can reverse a settled payment later (settlement → deny,
   * the funds returned by the bank or store): virtual accounts, Mandiri bill and
   * store codes. Kasir re-reads such payments for a day after settlement.
   */
  readonly reversible: boolean;
  readonly amount: AmountLimits;
  /** What the customer sees at a counter on `counterApi` (see {@link counterViewOf} for another API). */
  readonly counter: CounterView;
  /**
   * The API that shows the customer `counter`, when only one does: GoPay is a
   * QR (`qr_string`) on the Core API, a redirect on SNAP-BI direct debit. The
   * till routes the method there unless settings.json says otherwise.
   */
  readonly counterApi?: GatewayApi;
}

const WALLET_MINUTES = 15;
const VA_MINUTES = 24 * 60;
const NO_REFUND: RefundRule = { viaGateway: false };

// Row order is the till's menu order (PAYMENT_METHODS). Sources and decisions: README.md.
const SPECS = {
  qris: {
    family: 'qris', labelKey: 'method.qris', name: 'QRIS', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'qris', acquirer: 'gopay' }, snapBi: { kind: 'qris', acquirer: 'gopay' },
    validityMinutes: WALLET_MINUTES, refund: { viaGateway: true, windowDays: 7, partial: true }, reversible: false, amount: { min: 1, max: 10_000_000 }, counter: 'qr',
  },
  gopay: {
    family: 'ewallet', labelKey: 'method.gopay', name: 'GoPay', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'gopay' }, snapBi: { kind: 'debit', payOption: 'GOPAY' },
    validityMinutes: WALLET_MINUTES, refund: { viaGateway: true, windowDays: 7, partial: true }, reversible: false, amount: { min: 1, max: 20_000_000 }, counter: 'qr', counterApi: 'core_api',
  },
  shopeepay: {
    family: 'ewallet', labelKey: 'method.shopeepay', name: 'ShopeePay', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'shopeepay' }, snapBi: { kind: 'debit', payOption: 'SHOPEEPAY' },
    validityMinutes: WALLET_MINUTES, refund: { viaGateway: true, windowDays: 365, partial: false }, reversible: false, amount: { min: 1, max: 20_000_000 }, counter: 'redirect_only',
  },
  dana: {
    family: 'ewallet', labelKey: 'method.dana', name: 'DANA', defaultApi: 'snap_bi',
    coreApi: null, snapBi: { kind: 'debit', payOption: 'DANA' },
    validityMinutes: WALLET_MINUTES, refund: { viaGateway: true, windowDays: 45, partial: true }, reversible: false, amount: { min: 1, max: 20_000_000 }, counter: 'redirect_only',
  },
  va_bca: {
    family: 'va', labelKey: 'method.va_bca', name: 'VA BCA', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'bank_transfer', bank: 'bca' }, snapBi: { kind: 'va', bank: 'bca' },
    validityMinutes: VA_MINUTES, refund: NO_REFUND, reversible: true, amount: { min: 10_000, max: 20_000_000_000 }, counter: 'code',
  },
  va_bni: {
    family: 'va', labelKey: 'method.va_bni', name: 'VA BNI', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'bank_transfer', bank: 'bni' }, snapBi: { kind: 'va', bank: 'bni' },
    validityMinutes: VA_MINUTES, refund: NO_REFUND, reversible: true, amount: { min: 1, max: null }, counter: 'code',
  },
  va_bri: {
    family: 'va', labelKey: 'method.va_bri', name: 'VA BRI', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'bank_transfer', bank: 'bri' }, snapBi: { kind: 'va', bank: 'bri' },
    validityMinutes: VA_MINUTES, refund: NO_REFUND, reversible: true, amount: { min: 1, max: 20_000_000_000 }, counter: 'code',
  },
  va_permata: {
    family: 'va', labelKey: 'method.va_permata', name: 'VA Permata', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'bank_transfer', bank: 'permata' }, snapBi: { kind: 'va', bank: 'permata' },
    validityMinutes: VA_MINUTES, refund: NO_REFUND, reversible: true, amount: { min: 1, max: 9_999_999_999 }, counter: 'code',
  },
  va_cimb: {
    family: 'va', labelKey: 'method.va_cimb', name: 'VA CIMB', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'bank_transfer', bank: 'cimb' }, snapBi: { kind: 'va', bank: 'cimb' },
    validityMinutes: VA_MINUTES, refund: NO_REFUND, reversible: true, amount: { min: 1, max: 250_000_000 }, counter: 'code',
  },
  mandiri_bill: {
    family: 'bill', labelKey: 'method.mandiri_bill', name: 'Mandiri Bill', defaultApi: 'snap_bi',
    coreApi: { paymentType: 'echannel' }, snapBi: { kind: 'va', bank: 'mandiri' },
    validityMinutes: VA_MINUTES, refund: NO_REFUND, reversible: true, amount: { min: 1, max: 50_000_000_000 }, counter: 'code',
  },
  indomaret: {
    family: 'cstore', labelKey: 'method.indomaret', name: 'Indomaret', defaultApi: 'core_api',
    coreApi: { paymentType: 'cstore', store: 'indomaret' }, snapBi: null,
    validityMinutes: null, refund: NO_REFUND, reversible: true, amount: { min: 10_000, max: 5_000_000 }, counter: 'code',
  },
  alfamart: {
    family: 'cstore', labelKey: 'method.alfamart', name: 'Alfamart', defaultApi: 'core_api',
    coreApi: { paymentType: 'cstore', store: 'alfamart' }, snapBi: null,
    validityMinutes: null, refund: NO_REFUND, reversible: true, amount: { min: 1, max: 2_500_000 }, counter: 'code',
  },
  cash: {
    family: 'cash', labelKey: 'method.cash', name: 'Cash', defaultApi: 'none',
    coreApi: null, snapBi: null,
    validityMinutes: null, refund: NO_REFUND, reversible: false, amount: { min: 1, max: null }, counter: 'cash',
  },
} as const satisfies Record<string, PaymentMethodSpec>;

/** Every way a customer can pay at the counter. */
export type PaymentMethod = keyof typeof SPECS;
/** The i18n keys the registry names (the renderer's typed `t` checks each exists in every language). */
export type PaymentMethodLabelKey = (typeof SPECS)[PaymentMethod]['labelKey'];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The registry, keyed by method (frozen: nothing may patch a method at runtime). */
export const PAYMENT_METHOD_SPECS: Readonly<Record<PaymentMethod, PaymentMethodSpec>> = deepFreeze(SPECS);

const entries = Object.entries(PAYMENT_METHOD_SPECS) as [PaymentMethod, PaymentMethodSpec][];
const methodsWhere = (keep: (spec: PaymentMethodSpec) => boolean): readonly PaymentMethod[] =>
  Object.freeze(entries.filter(([, spec]) => keep(spec)).map(([method]) => method));

/** Every method, in the till's menu order (the registry's row order). */
export const PAYMENT_METHODS = Object.freeze(entries.map(([method]) => method)) as readonly [PaymentMethod, ...PaymentMethod[]];

/** Default routing: SNAP-BI wherever it covers the method, Core API for the rest. */
export const DEFAULT_API_FOR: Readonly<Record<PaymentMethod, GatewayApi>> = Object.freeze(
  Object.fromEntries(entries.map(([method, spec]) => [method, spec.defaultApi])) as Record<PaymentMethod, GatewayApi>,
);

/**
 * How a fresh till routes each method: {@link DEFAULT_API_FOR}, except where
 * only another API shows the customer something usable at a counter
 * (`counterApi`: GoPay as a QR through the Core API).
 */
export const TILL_API_FOR: Readonly<Record<PaymentMethod, GatewayApi>> = Object.freeze(
  Object.fromEntries(entries.map(([method, spec]) => [method, spec.counterApi ?? spec.defaultApi])) as Record<PaymentMethod, GatewayApi>,
);

/**
 * What the customer sees at a counter when `method` is charged through `api`:
 * the registry's `counter` on the API that gives it, else only a redirect.
 */
export function counterViewOf(method: PaymentMethod, api: GatewayApi): CounterView {
  const spec = PAYMENT_METHOD_SPECS[method];
  if (spec.counterApi !== undefined && api !== spec.counterApi) return 'redirect_only';
  return spec.counter;
}

/** Methods a customer at a counter can pay only through a redirect link: offered disabled, with the reason. */
export const REDIRECT_ONLY_METHODS: readonly PaymentMethod[] = methodsWhere((spec) => spec.counter === 'redirect_only');

/** Methods Core API v2 can charge (DANA exists only on SNAP-BI). */
export const CORE_API_METHODS: readonly PaymentMethod[] = methodsWhere((spec) => spec.coreApi !== null);

/** Methods SNAP-BI can charge (convenience stores exist only on the Core API). */
export const SNAP_BI_METHODS: readonly PaymentMethod[] = methodsWhere((spec) => spec.snapBi !== null);

/**
 * Methods Midtrans can refund through its API: QRIS and e-wallets. Virtual
 * accounts and convenience-store codes cannot be refunded that way (the shop
 * returns the money itself), and cash goes back from the drawer.
 */
export const REFUNDABLE_METHODS: readonly PaymentMethod[] = methodsWhere((spec) => spec.refund.viaGateway);

/** Methods whose settled payments Midtrans may still reverse (settlement → deny): VAs, Mandiri bill, store codes. */
export const REVERSIBLE_METHODS: readonly PaymentMethod[] = methodsWhere((spec) => spec.reversible);

/** Banks a SNAP-BI VA method uses, once each (the keys of `snapBi.vaPartnerServiceIds`). */
export const SNAP_VA_BANKS = Object.freeze([
  ...new Set(entries.flatMap(([, spec]) => (spec.snapBi?.kind === 'va' ? [spec.snapBi.bank] : []))),
]) as readonly [SnapVaBank, ...SnapVaBank[]];

/** The APIs that can carry a method: the ones it is described for, or `none` for cash. */
export function apisFor(method: PaymentMethod): readonly GatewayApi[] {
  const spec = PAYMENT_METHOD_SPECS[method];
  const apis: GatewayApi[] = [];
  if (spec.snapBi) apis.push('snap_bi');
  if (spec.coreApi) apis.push('core_api');
  return apis.length > 0 ? apis : ['none'];
}

/** A refused amount: the method and the limits it broke. */
export interface AmountLimitViolation extends AmountLimits {
  readonly method: PaymentMethod;
}

/**
 * The method's limits when `amount` (whole rupiah) lies outside them, else
 * null. Pure, so the till can warn before Charge and the main process refuses
 * the same amounts before anything is written or sent.
 */
export function amountLimitViolation(method: PaymentMethod, amount: number): AmountLimitViolation | null {
  const { min, max } = PAYMENT_METHOD_SPECS[method].amount;
  if (amount >= min && (max === null || amount <= max)) return null;
  return { method, min, max };
}
