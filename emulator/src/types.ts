/**
 * The emulator's internal model, shared by its Core API v2 and SNAP-BI front
 * ends, the simulator, the notification dispatcher and fault injection.
 * One transaction store holds every charge whichever API created it, so the
 * simulator can pay a SNAP-BI QRIS charge exactly as it pays a Core API one.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Midtrans' own transaction_status vocabulary (Core API spelling). */
export type TxStatus =
  | 'pending'
  | 'settlement'
  | 'capture'
  | 'deny'
  | 'cancel'
  | 'expire'
  | 'failure'
  | 'refund'
  | 'partial_refund';

/** Which wire API created the transaction; decides the notification format. */
export type TxSource = 'core' | 'snap';

export interface TxRefund {
  refundKey: string;
  amount: number;
  reason: string | null;
  at: number;
  chargebackId: number;
  /** Who asked for it: the merchant's API call (absent = api) or the dashboard (simulator). Never on the wire. */
  via?: 'api' | 'dashboard';
}

export interface Transaction {
  transactionId: string;
  orderId: string;
  source: TxSource;
  /** Core API payment_type: qris, gopay, shopeepay, bank_transfer, echannel, cstore (SNAP debit DANA → 'dana'). */
  paymentType: string;
  /** Integer rupiah. */
  grossAmount: number;
  status: TxStatus;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  settledAt: number | null;
  /** Method details (only those relevant are set). */
  bank?: string;
  vaNumber?: string;
  billKey?: string;
  billerCode?: string;
  store?: string;
  paymentCode?: string;
  qrString?: string;
  acquirer?: string;
  /** QRIS: the app that paid (set by the simulator on pay; defaults to the acquirer). */
  issuer?: string;
  deeplinkUrl?: string;
  refunds: TxRefund[];
  /** Where notifications go for this transaction (override/append resolved at charge time). */
  notificationUrls: string[];
  /** The original charge request body, for echoing custom fields / metadata / SNAP data. */
  request: Record<string, unknown>;
  /** SNAP-BI only: X-EXTERNAL-ID of the create call, partner reference, VA triple. */
  snap?: {
    kind: 'qris' | 'debit' | 'va';
    externalId: string;
    partnerReferenceNo: string;
    partnerServiceId?: string;
    customerNo?: string;
    virtualAccountNo?: string;
  };
}

/** A parsed HTTP request as route handlers see it; `raw` is the exact bytes received. */
export interface EmuRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  params: Record<string, string>;
}

export interface EmuResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Send `body` as-is (already a string), e.g. an HTML page. */
  rawBody?: string;
  /** Send these bytes as-is (e.g. a QR code PNG); wins over `rawBody` and `body`. */
  rawBytes?: Buffer;
}

export type RouteHandler = (req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path pattern with `:name` segments, e.g. `/v2/:id/status`. */
  pattern: string;
  handler: RouteHandler;
}

/** Emulator time: the test clock. `now()` = real time + advanced offset. */
export interface EmuClock {
  now(): number;
  /** Schedules `fn` at emulator time `at` (ms); fires when real time or an advance passes it. */
  at(at: number, fn: () => void): () => void;
  advance(seconds: number): void;
}

/** A notification ready to send: the dispatcher adds retries, faults and logging. */
export interface OutgoingNotification {
  url: string;
  body: string;
  headers: Record<string, string>;
  orderId: string;
  status: TxStatus;
  /**
   * Signed formats (SNAP-BI) only: fresh headers for `body` (new X-TIMESTAMP and
   * X-SIGNATURE on the emulator clock, same X-EXTERNAL-ID). Used for re-signed
   * retries and for re-signing a padded replay; Core API bodies carry their own
   * signature and need none.
   */
  resign?: (body: string) => Record<string, string>;
}

/**
 * Renders the notification(s) for a transaction's current state. Core API and
 * SNAP-BI each register one; the store calls it on every state change.
 */
/**
 * `force` renders a state the API would not announce by itself (SNAP-BI never
 * notifies the creation `pending`); fault injection uses it for stale "late" notes.
 */
export type NotificationFormatter = (tx: Transaction, opts?: { force?: boolean }) => OutgoingNotification[];

/** Credentials the emulator accepts (printed by the CLI, returned by startEmulator). */
export interface EmuCredentials {
  serverKey: string;
  clientKey: string;
  merchantId: string;
  snapBi: {
    clientId: string;
    clientSecret: string;
    partnerId: string;
    channelId: string;
    merchantId: string;
    /** PEM of the merchant's private key (the emulator holds the public half to verify tokens). */
    merchantPrivateKeyPem: string;
    merchantPublicKeyPem: string;
    /** The emulator's own notification signing key pair ("Midtrans' key"). */
    notificationPrivateKeyPem: string;
    notificationPublicKeyPem: string;
  };
}

/** The transaction store's surface, used by every front end and the simulator. */
export interface TxStore {
  /** Inserts a new transaction (status pending unless given) and notifies. */
  insert(tx: Transaction): Transaction;
  /** By transaction id, or the most recent transaction with that order id. */
  find(idOrOrderId: string): Transaction | undefined;
  /** Every transaction with this order id, oldest first (an order id is reusable after cancel/expire). */
  forOrder(orderId: string): Transaction[];
  /**
   * The newest transaction matching `predicate`. `keys` (store/tx-keys.ts): every
   * match carries one of these lookup keys, so a durable store reads only those rows.
   */
  findBy(predicate: (tx: Transaction) => boolean, keys?: readonly string[]): Transaction | undefined;
  /**
   * Moves a transaction to `to`, stamps times, persists and sends notifications
   * (`notify: false` changes the state silently, e.g. a dashboard refund whose
   * notification never comes).
   */
  transition(tx: Transaction, to: TxStatus, opts?: { notify?: boolean }): Transaction;
  /** Persists an in-place change that is not a status change (e.g. a refund record). */
  touch(tx: Transaction): void;
  list(limit?: number): Transaction[];
  /** Registers how notifications are rendered for a source. */
  setFormatter(source: TxSource, formatter: NotificationFormatter): void;
}

/** Everything a front end (Core API, SNAP-BI, simulator) is built from. */
export interface EmuContext {
  clock: EmuClock;
  store: TxStore;
  credentials: EmuCredentials;
  /** Base URL of the HTTPS server, e.g. https://127.0.0.1:PORT. */
  baseUrl: string;
  /** Default notification URL(s) (the "dashboard" setting); may be empty. */
  notificationUrls(): string[];
  /** Key/value store with expiry for idempotency and X-EXTERNAL-ID replays (emulator time). */
  replay: {
    get(key: string): { bodyHash: string; response: EmuResponse } | undefined;
    set(key: string, value: { bodyHash: string; response: EmuResponse }, ttlSeconds: number): void;
  };
  /**
   * Generic JSON key/value store with expiry in emulator time, persisted with the
   * rest of the state (e.g. SNAP-BI access tokens). Optional so hand-built test
   * contexts need not provide it; `startEmulator` always does.
   */
  kv?: EmuKeyValue;
}

/** A namespaced JSON key/value store whose entries expire on the emulator clock. */
export interface EmuKeyValue {
  get<T>(key: string): T | undefined;
  /** `ttlSeconds` null = keep until deleted. Values must be JSON-serializable. */
  set(key: string, value: unknown, ttlSeconds: number | null): void;
  delete(key: string): void;
}
