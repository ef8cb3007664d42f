/**
 * Writes a ledger with an OLD Kasir's own code, for the upgrade tests.
 *
 * make-ledger-fixtures.sh copies this file to the root of a git worktree of an
 * old commit and runs it there with tsx; every module is loaded from that
 * checkout at run time (its migrations, repositories, PaymentService,
 * emulator), so nothing of today's code takes part. From the old root:
 *
 *   tsx make-ledger-fixture.ts <schema version> <commit> <out.sqlite> <out.json>
 *
 * What it writes — every payment method and every status the version knows:
 *  - v1 (ad8103c): that commit's PaymentService cannot run (the gateway layer
 *    it imports was not in the tree yet), so each payment is written with its
 *    own buildIntent, repositories and PaymentStateStore: the calls its
 *    service made.
 *  - v2, v3: sales through that version's PaymentService against its own
 *    emulator over HTTPS with its webhook listener: paid, expired, denied and
 *    reversed in the emulator, cancelled and refunded (partly, fully) through
 *    the service, a status poll after a dropped notification, a charge
 *    refused by an injected fault (failed_to_create) and charged again. The
 *    statuses no flow reaches (creating, capture, failure) and the sources
 *    no flow uses here (recovery) go through its repositories. Two closed
 *    days: yesterday (nothing open) and today (forced, payments open).
 *  - v3: the default catalogue seeded, a product edited, one deactivated, one added.
 *  - v8 (fc8ae08, the last schema before sales): the whole app as that commit's
 *    shells built it (`buildServices`: its ledger, embedded emulator, webhook
 *    listener and router), driven through the router like its renderer: an
 *    owner and a cashier (PINs, sessions, audit log), catalogue edits, sales
 *    by the cashier paid at the emulator (notifications stored once, re-check
 *    plans), a cancel, a refund with the owner's approval, cash, a payment
 *    left pending and a forced day close; the outbox holds their events.
 *  - v9 (930cb48, the schema of sales, before issue 12): the same app flow,
 *    plus sales through its sale channels: QRIS tenders on the default
 *    SNAP-BI routing paid at the emulator (their charge answers carry the
 *    QR image, as that commit stored them), a split cash + QRIS sale, a cash
 *    sale with change and an open sale; then the forced day close.
 *  - v12 (354857a, the schema of issue 12's first half: slimmed raw, report
 *    indexes, a prunable outbox): the v9 flow through that commit's app (its
 *    charge answers are already stored without QR images).
 *  - v13 (6342e60, the maintenance's bookkeeping): the v9 flow through that
 *    commit's app, plus a QRIS tender abandoned for cash (cancelled in the
 *    background: an abandoned, undecided tender).
 *  - v14 (3a412aa, tender_followups): the v13 flow through that commit's app.
 *  - v15 (d68f305, the report slots): the v13 flow through that commit's app.
 *
 * The manifest lists every row of every table as written. Everything runs in
 * process; the emulator, listener and ledger are closed before it exits and
 * its temp files live under $TMPDIR, which the shell script removes.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Database = BetterSqlite3.Database;
type Row = Record<string, unknown>;

// ---------------------------------------------------------------------------
// The parts of the old code this script uses, as structural types (they are
// loaded from the old checkout at run time, so today's types do not apply).

interface Clock {
  now(): number;
}
interface ManualClock extends Clock {
  advance(ms: number): void;
}
interface IdSource {
  orderId(): string;
  refundKey(): string;
}
interface PaymentRowLike {
  id: string;
  order_id: string;
  gateway_order_id: string;
  amount: number;
  created_at: string;
}
interface CartItem {
  sku: string;
  name: string;
  price: number;
  quantity: number;
}
interface PaymentRepositoryLike {
  insertOrder(order: { id: string; total: number; created_at: string }, items: CartItem[]): void;
  insertPayment(row: PaymentRowLike): void;
}
interface StateStoreLike {
  apply(id: string, u: { status: string; amount?: number; refundedAmount?: number; referenceNo?: string }, source: string, raw: unknown): unknown;
  note(id: string, source: string, note: string, raw: unknown): void;
}
interface RefundRepositoryLike {
  insert(r: { payment_id: string; refund_key: string; amount: number; refunded_before: number; reason: string | null; at: string }): void;
  setStatus(refundKey: string, status: string, at: string): void;
}
interface View {
  id: string;
  orderId: string;
  status: string;
}
interface ServiceLike {
  create(input: { items: CartItem[]; method: string }): Promise<View>;
  chargeAgain(orderId: string, method: string): Promise<View>;
  cancel(id: string): Promise<View>;
  refund(id: string, amount?: number, reason?: string): Promise<View>;
  get(id: string): View;
  idle(): Promise<void>;
  stop(): void;
}
interface Emulator {
  urls: { coreApiUrl: string; snapBiUrl: string };
  caCertPem: string;
  credentials: { snapBi: { merchantId: string } };
  store: { find(id: string): unknown; transition(tx: unknown, to: string): unknown };
  dispatcher: { idle(): Promise<void> };
  faults: { add(rule: unknown): unknown; clear(): void };
  setNotificationUrls(urls: string[]): void;
  close(): Promise<void>;
}
type Ctor<T> = new (deps: never) => T;

const ROOT = process.cwd();
/** Loads a module of the old checkout this script runs in. */
async function load<T>(rel: string): Promise<T> {
  return (await import(pathToFileURL(join(ROOT, rel)).href)) as T;
}

const [versionArg, commit, outFile, manifestFile] = process.argv.slice(2);
const version = Number(versionArg);
if (![1, 2, 3, 8, 9, 12, 13, 14, 15].includes(version) || !commit || !outFile || !manifestFile) {
  throw new Error('usage: tsx make-ledger-fixture.ts <1|2|3|8|9|12|13|14|15> <commit> <out.sqlite> <out.json>');
}

const work = mkdtempSync(join(tmpdir(), 'kasir-fixture-'));
const ledgerFile = join(work, 'kasir.sqlite');

/** A two-line cart of `amount` rupiah (a 3-for-2 line and the rest). */
const cart = (amount: number): CartItem[] => [
  { sku: 'KOPI-SUSU', name: 'Es Kopi Susu', price: 6_000, quantity: 3 },
  { sku: 'ROTI-BAKAR', name: 'Roti Bakar', price: amount - 18_000, quantity: 1 },
];
let amountSeq = 0;
/** Distinct amounts make every payment recognisable in the manifest. */
const nextAmount = (): number => 25_000 + ++amountSeq * 1_000;

const ledger = await load<{
  openLedger(file: string): Database;
  PaymentRepository: Ctor<PaymentRepositoryLike>;
  EventRepository: Ctor<unknown>;
  RefundRepository: Ctor<RefundRepositoryLike>;
}>('electron/main/core/ledger/index.ts');
const { ManualClock, isoUtc } = await load<{ ManualClock: new (start?: number) => ManualClock; isoUtc(ms: number): string }>(
  'electron/main/core/clock.ts',
);
const { silentLogger } = await load<{ silentLogger: unknown }>('electron/main/core/logger.ts');
const { PaymentStateStore } = await load<{ PaymentStateStore: Ctor<StateStoreLike> }>('electron/main/core/payments/payment-state.ts');
const { buildIntent } = await load<{ buildIntent(a: Row): PaymentRowLike }>('electron/main/core/payments/intent.ts');
const { RandomIds } = await load<{ RandomIds: new () => IdSource }>('electron/main/core/payments/ids.ts');
const { DEFAULT_API_FOR } = await load<{ DEFAULT_API_FOR: Record<string, string> }>('shared/domain/payment.ts');

const ZONE = 'Asia/Jakarta';
const ids = new RandomIds();

/**
 * The repository path: one payment written and moved through `steps` exactly
 * as that version's PaymentService did it (intent + order in one
 * transaction, every change through PaymentStateStore with its event).
 */
function viaRepositories(
  db: Database,
  clock: ManualClock,
  method: string,
  steps: readonly [status: string, source: string, extra?: { refundedAmount?: number }][],
  opts: { orderId?: string; amount?: number } = {},
): PaymentRowLike {
  const payments = new ledger.PaymentRepository(db as never);
  const state = new PaymentStateStore({
    db, clock, logger: silentLogger, payments, events: new ledger.EventRepository(db as never),
  } as never);
  const amount = opts.amount ?? nextAmount();
  const orderId = opts.orderId ?? ids.orderId();
  const row = buildIntent({ ids, orderId, method, amount, routing: DEFAULT_API_FOR, now: clock.now(), zone: ZONE });
  db.transaction(() => {
    if (!opts.orderId) payments.insertOrder({ id: orderId, total: amount, created_at: row.created_at }, cart(amount));
    payments.insertPayment(row);
  })();
  for (const [status, source, extra] of steps) {
    clock.advance(30_000);
    const raw = { order_id: row.gateway_order_id, transaction_status: status, gross_amount: `${amount}.00` };
    if (source === 'webhook') state.note(row.id, 'webhook', 'notification', raw);
    state.apply(row.id, { status, amount, referenceNo: `REF-${row.gateway_order_id}`, ...extra }, source, raw);
  }
  return row;
}

/** Refund requests in every state, as that version's refund flow records them. */
function refundRequests(db: Database, clock: ManualClock, payment: PaymentRowLike, statuses: readonly string[]): void {
  const refunds = new ledger.RefundRepository(db as never);
  let before = 0;
  for (const status of statuses) {
    clock.advance(10_000);
    const key = ids.refundKey();
    refunds.insert({ payment_id: payment.id, refund_key: key, amount: 1_000, refunded_before: before, reason: `fixture ${status}`, at: isoUtc(clock.now()) });
    if (status !== 'requested') refunds.setStatus(key, status, isoUtc(clock.now()));
    if (status === 'succeeded') before += 1_000;
  }
}

/** v1: everything through the repositories (its PaymentService cannot load). */
function writeV1(db: Database): void {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 2, 0, 0));
  const qris = viaRepositories(db, clock, 'qris', [['pending', 'charge'], ['settlement', 'webhook'], ['partial_refund', 'manual', { refundedAmount: 1_000 }]]);
  refundRequests(db, clock, qris, ['succeeded', 'failed', 'unknown', 'requested']);
  const gopay = viaRepositories(db, clock, 'gopay', [['pending', 'charge'], ['settlement', 'poll'], ['refund', 'manual']]);
  refundRequests(db, clock, gopay, ['succeeded']);
  viaRepositories(db, clock, 'shopeepay', [['pending', 'charge'], ['cancel', 'manual']]);
  viaRepositories(db, clock, 'dana', [['pending', 'charge'], ['capture', 'webhook']]);
  viaRepositories(db, clock, 'va_bca', [['pending', 'charge']]);
  viaRepositories(db, clock, 'va_bni', [['pending', 'charge'], ['expire', 'poll']]);
  viaRepositories(db, clock, 'va_bri', [['pending', 'charge'], ['settlement', 'recovery']]);
  viaRepositories(db, clock, 'va_permata', [['pending', 'charge'], ['deny', 'webhook']]);
  // A sale whose first attempt never reached Midtrans, charged again by another method.
  const failed = viaRepositories(db, clock, 'va_cimb', [['failed_to_create', 'charge']]);
  viaRepositories(db, clock, 'mandiri_bill', [['pending', 'charge'], ['settlement', 'webhook']], {
    orderId: failed.order_id, amount: failed.amount,
  });
  viaRepositories(db, clock, 'indomaret', [['pending', 'charge'], ['failure', 'poll']]);
  viaRepositories(db, clock, 'alfamart', []); // the intent is committed, the charge never answered: creating
  viaRepositories(db, clock, 'cash', [['settlement', 'manual']]);
  // An ignored (late) update still leaves its audit event.
  viaRepositories(db, clock, 'qris', [['pending', 'charge'], ['expire', 'poll'], ['pending', 'webhook']]);
}

/** v2, v3: that version's engine against its own emulator. */
async function writeWithEngine(db: Database): Promise<void> {
  const { startEmulator } = await load<{ startEmulator(o: Row): Promise<Emulator> }>('emulator/src/index.ts');
  const { emulatorSecretValues } = await load<{ emulatorSecretValues(c: unknown): Record<string, string> }>(
    'electron/main/core/secrets/emulator-credentials.ts',
  );
  const { MemorySecretStore } = await load<{ MemorySecretStore: new () => { set(env: string, name: string, value: string): Promise<void> } }>(
    'electron/main/core/secrets/memory-secret-store.ts',
  );
  const { loadCredentials } = await load<{
    loadCredentials(env: string, s: unknown, o: Row): Promise<{ ok: true; value: { core?: { serverKey: string }; snapBi?: { notificationPublicKeyPem: string } } } | { ok: false; message: string }>;
  }>('electron/main/core/secrets/credentials.ts');
  const { createGateway } = await load<{ createGateway(o: Row): { close(): void } }>('electron/main/core/gateway/routing-gateway.ts');
  const engine = await load<{ PaymentService: Ctor<ServiceLike>; PaymentNotificationSink: new (s: ServiceLike, l: unknown) => unknown }>(
    'electron/main/core/payments/index.ts',
  );
  const { startWebhookListener } = await load<{
    startWebhookListener(o: Row): Promise<{ coreNotificationUrl: string; snapBiBaseUrl: string; close(): Promise<void> }>;
  }>('electron/main/core/webhook/listener.ts');
  const { NotificationVerifier } = await load<{ NotificationVerifier: Ctor<unknown> }>('electron/main/core/webhook/verifier.ts');
  const { DayClosingService } = await load<{ DayClosingService: Ctor<{ closeDay(i: Row): unknown }> }>(
    'electron/main/core/reports/day-closing-service.ts',
  );

  const emulator = await startEmulator({ stateDir: join(work, 'emulator') });
  const secrets = new MemorySecretStore();
  for (const [name, value] of Object.entries(emulatorSecretValues(emulator.credentials))) await secrets.set('emulator', name, value);
  const loaded = await loadCredentials('emulator', secrets, { snapMerchantId: emulator.credentials.snapBi.merchantId });
  if (!loaded.ok) throw new Error(loaded.message);
  const clock = new ManualClock(Date.now());
  const gateway = createGateway({
    env: 'emulator', coreApiBaseUrl: emulator.urls.coreApiUrl, snapBiBaseUrl: emulator.urls.snapBiUrl, caCertPem: emulator.caCertPem,
    routing: Object.fromEntries(Object.entries(DEFAULT_API_FOR).filter(([, api]) => api !== 'none')),
    credentials: loaded.value, clock, logger: silentLogger, retry: { sleep: async () => {} },
  });
  let notificationUrl = '';
  // The version had no engine builder: this is how its own harness wired the service.
  const Service = engine.PaymentService;
  const service = new Service({
    db, gateway, clock, logger: silentLogger, routing: DEFAULT_API_FOR, notificationUrls: () => [notificationUrl],
  } as never);
  const listener = await startWebhookListener({
    port: 0,
    sink: new engine.PaymentNotificationSink(service, silentLogger),
    verifier: new NotificationVerifier({
      coreServerKey: loaded.value.core?.serverKey ?? null,
      snapNotificationPublicKeyPem: loaded.value.snapBi?.notificationPublicKeyPem ?? null,
    } as never),
    logger: silentLogger,
  });
  notificationUrl = listener.coreNotificationUrl;
  emulator.setNotificationUrls([listener.snapBiBaseUrl]);

  const settle = async (): Promise<void> => {
    await emulator.dispatcher.idle();
    await service.idle();
  };
  /**
   * Waits (on real I/O: webhooks over HTTPS) until the ledger shows `status`.
   * Where no notification comes (SNAP-BI sends none for an expired VA), or
   * with `poll`, the engine clock moves on so its due status polls run.
   */
  const reaches = async (id: string, status: string, poll = false): Promise<void> => {
    for (let i = 0; i < 500; i++) {
      await settle();
      if (service.get(id).status === status) return;
      if (poll || i >= 50) clock.advance(1_000);
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`payment ${id} did not reach ${status} (is ${service.get(id).status})`);
  };
  const atEmulator = (v: View, to: string): void => {
    emulator.store.transition(emulator.store.find(v.orderId), to);
  };
  const sale = async (method: string): Promise<View> => {
    const v = await service.create({ items: cart(nextAmount()), method });
    await settle();
    return v;
  };

  try {
    if (version >= 3) await writeCatalogue(db, clock);
    const qris = await sale('qris');
    atEmulator(qris, 'settlement');
    await reaches(qris.id, 'settlement');
    await service.refund(qris.id, 2_000, 'one drink spilt');
    await reaches(qris.id, 'partial_refund');
    const gopay = await sale('gopay');
    atEmulator(gopay, 'settlement');
    await reaches(gopay.id, 'settlement');
    await service.refund(gopay.id);
    await reaches(gopay.id, 'refund');
    const shopeepay = await sale('shopeepay');
    await service.cancel(shopeepay.id);
    await reaches(shopeepay.id, 'cancel');
    for (const method of ['dana', 'va_bca', 'mandiri_bill', 'va_permata']) {
      const v = await sale(method);
      atEmulator(v, 'settlement');
      await reaches(v.id, 'settlement');
    }
    await sale('va_bni'); // left pending
    const vaBri = await sale('va_bri');
    atEmulator(vaBri, 'expire');
    await reaches(vaBri.id, 'expire');
    const indomaret = await sale('indomaret'); // paid, then reversed (Core API notifies the deny)
    atEmulator(indomaret, 'settlement');
    await reaches(indomaret.id, 'settlement');
    atEmulator(indomaret, 'deny');
    await reaches(indomaret.id, 'deny');
    const alfamart = await sale('alfamart');
    atEmulator(alfamart, 'deny');
    await reaches(alfamart.id, 'deny');
    // The notification is lost: the status poll confirms the payment.
    const cimb = await sale('va_cimb');
    emulator.faults.add({ kind: 'notification', action: 'drop', orderId: cimb.orderId });
    atEmulator(cimb, 'settlement');
    await reaches(cimb.id, 'settlement', true);
    // Midtrans refuses the charge on every try: failed_to_create; the sale is charged again and paid.
    emulator.faults.add({ kind: 'api', match: { path: '/v2/charge' }, action: 'status', status: 503, when: 'before', times: 4 });
    const refused = await service.create({ items: cart(nextAmount()), method: 'indomaret' }).catch((e: unknown) => e);
    emulator.faults.clear();
    const failed = db.prepare("SELECT * FROM payments WHERE status = 'failed_to_create'").get() as PaymentRowLike | undefined;
    if (!failed) throw new Error(`the refused charge did not end failed_to_create: ${String(refused)}`);
    const again = await service.chargeAgain(failed.order_id, 'indomaret');
    await settle();
    atEmulator(again, 'settlement');
    await reaches(again.id, 'settlement');
    const cash = await service.create({ items: cart(nextAmount()), method: 'cash' });
    if (cash.status !== 'settlement') throw new Error(`cash sale is ${cash.status}`);

    // What no flow reaches here, through the version's repositories.
    viaRepositories(db, clock, 'dana', [['pending', 'charge'], ['capture', 'webhook']]);
    viaRepositories(db, clock, 'qris', [['pending', 'charge'], ['failure', 'recovery']]);
    viaRepositories(db, clock, 'gopay', []); // creating: the charge never answered
    const refundedQris = db.prepare('SELECT * FROM payments WHERE id = ?').get(qris.id) as PaymentRowLike;
    refundRequests(db, clock, refundedQris, ['failed', 'unknown', 'requested']);

    // Yesterday closes clean; today is closed by force with payments still open.
    const yesterday = new ManualClock(clock.now() - 24 * 3600_000);
    new DayClosingService({ db, clock: yesterday, zone: ZONE } as never).closeDay({ countedCash: 0 });
    new DayClosingService({ db, clock, zone: ZONE } as never).closeDay({ countedCash: 150_000, force: true });
  } finally {
    service.stop();
    await service.idle().catch(() => {});
    await listener.close();
    gateway.close();
    await emulator.close();
  }
}

/** v3: the catalogue as a merchant leaves it after a few edits. */
async function writeCatalogue(db: Database, clock: ManualClock): Promise<void> {
  const { CatalogService } = await load<{
    CatalogService: Ctor<{ seedIfEmpty(): boolean; save(p: Row): unknown; remove(sku: string): unknown }>;
  }>('electron/main/core/catalog/catalog-service.ts');
  const catalog = new CatalogService({ db, clock } as never);
  if (!catalog.seedIfEmpty()) throw new Error('catalogue was not empty');
  clock.advance(60_000);
  catalog.save({ sku: 'KOPI-SUSU', name: 'Es Kopi Susu Gula Aren', price: 20_000, category: 'Minuman', active: true });
  clock.advance(60_000);
  catalog.remove('KUE-LAPIS');
  clock.advance(60_000);
  catalog.save({ sku: 'SINGKONG', name: 'Singkong Goreng', price: 9_000, category: 'Camilan', active: true, isNew: true });
}

/** v8: that commit's whole app, through its router (as its renderer called it). */
async function writeV8App(dataDir: string): Promise<void> {
  const { buildServices } = await load<{ buildServices(o: Row): Promise<{
    router: { dispatch(channel: string, input: unknown, caller: { id: string }): Promise<{ ok: boolean; value?: unknown; code?: string; message?: string }> };
    describe(): { emulator: { simulatorUrl: string; caCertPath: string } | null };
    close(): Promise<void>;
  }> }>('electron/main/core/container.ts');
  const { MemorySecretStore } = await load<{ MemorySecretStore: new () => unknown }>('electron/main/core/secrets/memory-secret-store.ts');
  const { PinHasher } = await load<{ PinHasher: new (p: Row) => unknown }>('electron/main/core/staff/index.ts');
  const { TEST_SCRYPT } = await load<{ TEST_SCRYPT: Row }>('test/fixtures/staff-harness.ts');
  const services = await buildServices({
    shell: 'browser', version: 'fixture', dataDir, env: {}, logger: silentLogger,
    secretStore: new MemorySecretStore(), pinHasher: new PinHasher(TEST_SCRYPT),
  });
  const { request } = await import('node:https');
  const { readFileSync } = await import('node:fs');
  const emu = services.describe().emulator!;
  const ca = readFileSync(emu.caCertPath);
  const simulate = (action: string, body: Row) =>
    new Promise<void>((resolve, reject) => {
      const data = Buffer.from(JSON.stringify(body));
      const req = request(`${emu.simulatorUrl}/api/${action}`, { method: 'POST', ca, headers: { 'content-type': 'application/json', 'content-length': String(data.length) } }, (res) => {
        res.resume();
        res.on('end', () => ((res.statusCode ?? 500) < 400 ? resolve() : reject(new Error(`simulator ${action} → ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(data);
    });
  const call = async <T>(caller: string, channel: string, input?: unknown): Promise<T> => {
    const res = await services.router.dispatch(channel, input, { id: caller });
    if (!res.ok) throw new Error(`${channel}: ${res.code} ${res.message}`);
    return res.value as T;
  };
  interface PaymentView { id: string; status: string; action: { kind: string; qrString?: string; vaNumber?: string; billKey?: string; paymentCode?: string } | null }
  const reaches = async (id: string, status: string): Promise<void> => {
    for (let i = 0; i < 500; i++) {
      if ((await call<PaymentView>('owner', 'payments.get', { id })).status === status) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`payment ${id} did not reach ${status}`);
  };
  const OWNER_PIN = '730194';
  const CASHIER_PIN = '5837';
  try {
    const { session } = await call<{ session: { staff: { id: string } } }>('owner', 'staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const ownerId = session.staff.id;
    const dewi = await call<{ id: string }>('owner', 'staff.create', { name: 'Dewi', pin: CASHIER_PIN, role: 'cashier' });
    await call('owner', 'owner.updateSettings', { discountApprovalAbovePercent: 10 });
    await call('owner', 'catalog.save', { sku: 'KOPI-SUSU', name: 'Es Kopi Susu Gula Aren', price: 20_000, category: 'Minuman', active: true });
    await call('owner', 'catalog.remove', { sku: 'KUE-LAPIS' });
    await call('till', 'session.signIn', { staffId: dewi.id, pin: CASHIER_PIN });
    const item = (sku: string, name: string, price: number, quantity = 1) => ({ sku, name, price, quantity });
    const sale = (method: string) =>
      call<PaymentView>('till', 'payments.create', { items: [item('KOPI-SUSU', 'Es Kopi Susu Gula Aren', 20_000, 2), item('NASI-GORENG', 'Nasi Goreng', 28_000)], method });
    const qris = await sale('qris');
    await simulate('pay', { qr_string: qris.action?.qrString });
    await reaches(qris.id, 'settlement');
    const va = await sale('va_bca');
    await simulate('pay', { va_number: va.action?.vaNumber });
    await reaches(va.id, 'settlement');
    const store = await sale('indomaret');
    await simulate('pay', { payment_code: store.action?.paymentCode });
    await reaches(store.id, 'settlement');
    const gopay = await sale('gopay');
    await call('till', 'payments.cancel', { id: gopay.id });
    await sale('va_bni'); // left pending
    await call('till', 'payments.create', { items: [item('TEH-MANIS', 'Es Teh Manis', 8_000, 3)], method: 'cash' });
    // The cashier's refund carries the owner's one-time approval.
    await call('till', 'payments.refund', { id: qris.id, amount: 8_000, reason: 'satu gelas tumpah', approval: { staffId: ownerId, pin: OWNER_PIN } });
    await reaches(qris.id, 'partial_refund');
    if (version >= 9) await sellV9(call, simulate);
    await call('till', 'session.signOut');
    await call('owner', 'reports.closeDay', { countedCash: 24_000, force: true });
  } finally {
    await services.close();
  }
}

/** v9: sales through that commit's sale channels (QRIS on SNAP-BI, split, cash with change, one left open). */
async function sellV9(
  call: <T>(caller: string, channel: string, input?: unknown) => Promise<T>,
  simulate: (action: string, body: Row) => Promise<void>,
): Promise<void> {
  interface TenderView { paymentId: string; payment: { action: { kind: string; qrString?: string } | null } }
  interface SaleView { id: string; status: string; tenders: TenderView[] }
  const paidSoon = async (id: string): Promise<void> => {
    for (let i = 0; i < 500; i++) {
      const current = await call<SaleView | null>('till', 'sales.current');
      if (!current || current.id !== id) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`sale ${id} was not paid`);
  };
  const lines = [{ id: 'l1', sku: 'NASI-GORENG', quantity: 2 }, { id: 'l2', sku: 'KOPI-SUSU', quantity: 1 }];
  for (let i = 0; i < 2; i++) {
    const sale = await call<SaleView>('till', 'sales.open');
    await call('till', 'sales.setLines', { saleId: sale.id, lines });
    const qris = (await call<SaleView>('till', 'sales.addTender', { saleId: sale.id, method: 'qris' })).tenders[0]!;
    await simulate('pay', { qr_string: qris.payment.action?.qrString });
    await paidSoon(sale.id);
  }
  const split = await call<SaleView>('till', 'sales.open');
  await call('till', 'sales.setLines', { saleId: split.id, lines });
  await call('till', 'sales.addTender', { saleId: split.id, method: 'cash', received: 30_000 });
  const part = (await call<SaleView>('till', 'sales.addTender', { saleId: split.id, method: 'qris' })).tenders[1]!;
  await simulate('pay', { qr_string: part.payment.action?.qrString });
  await paidSoon(split.id);
  const cash = await call<SaleView>('till', 'sales.open');
  await call('till', 'sales.setLines', { saleId: cash.id, lines: [{ id: 'l1', sku: 'TEH-MANIS', quantity: 3 }] });
  await call('till', 'sales.addTender', { saleId: cash.id, method: 'cash', received: 50_000 });
  if (version >= 13) {
    // The customer walks away from the QR and pays cash: an abandoned tender (cancelled in the background), undecided.
    const walked = await call<SaleView>('till', 'sales.open');
    await call('till', 'sales.setLines', { saleId: walked.id, lines: [{ id: 'l1', sku: 'KOPI-SUSU', quantity: 2 }] });
    const qr = (await call<SaleView>('till', 'sales.addTender', { saleId: walked.id, method: 'qris' })).tenders[0]!;
    await call('till', 'sales.abandonTender', { saleId: walked.id, paymentId: qr.paymentId });
    await call('till', 'sales.addTender', { saleId: walked.id, method: 'cash', received: 50_000 });
  }
  const open = await call<SaleView>('till', 'sales.open');
  await call('till', 'sales.setLines', { saleId: open.id, lines: [{ id: 'l1', sku: 'KOPI-SUSU', quantity: 1 }] });
}

/** Every row of every table, in rowid order (primary-key order for WITHOUT ROWID tables). */
function dump(db: Database): Record<string, Row[]> {
  const tables = db
    .prepare("SELECT name, sql LIKE '%WITHOUT ROWID%' AS pk FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; pk: number }[];
  return Object.fromEntries(
    tables.map(({ name, pk }) => [name, db.prepare(`SELECT * FROM "${name}"${pk ? '' : ' ORDER BY rowid'}`).all() as Row[]]),
  );
}

try {
  if (version >= 8) await writeV8App(work);
  const db = ledger.openLedger(ledgerFile);
  try {
    const schema = db.pragma('user_version', { simple: true });
    if (schema !== version) throw new Error(`commit ${commit} writes schema v${String(schema)}, expected v${version}`);
    if (version === 1) writeV1(db);
    else if (version < 8) await writeWithEngine(db);
    const manifest = { schemaVersion: version, commit, writtenBy: 'test/upgrade/make-ledger-fixture.ts', tables: dump(db) };
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
  } finally {
    db.close(); // checkpoints the WAL into the file
  }
  if (existsSync(`${ledgerFile}-wal`)) throw new Error('the WAL was not checkpointed on close');
  copyFileSync(ledgerFile, outFile);
} finally {
  rmSync(work, { recursive: true, force: true });
}
