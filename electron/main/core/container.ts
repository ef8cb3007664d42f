/**
 * buildServices(options) → Services: the one place the app is wired together
 * (constructor injection, no singletons). Both shells call it; neither knows
 * how payments, the ledger or the emulator work.
 */
import { join } from 'node:path';
import { createRouter } from '../../../shared/contract/router';
import { KasirError } from '../../../shared/contract/result';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/domain/payment';
import { CallerAccess, secureHandlers } from './app/access';
import { EventBus } from './app/event-bus';
import { NoticeBoard, openOnFirstCall } from './app/notice-board';
import { createTillHandlers } from './app/handlers';
import { UiPrefsStore } from './settings/ui-prefs';
import { PRIVILEGED_SPECS } from './app/privileged';
import { createSaleHandlers } from './app/sale-handlers';
import { createStaffHandlers } from './app/staff-handlers';
import { AuditLog } from './audit';
import { CatalogService } from './catalog/catalog-service';
import { SystemClock } from './clock';
import { CustomerDisplay } from './display/customer-display';
import { refuseDisplayCallers } from './display/display-callers';
import { ConnectionMonitor } from './gateway/connection-monitor';
import { createGateway, type KasirGateway } from './gateway/routing-gateway';
import type { PaymentGateway } from './gateway/types';
import { DrawerRepository, openLedger, SalesQueries } from './ledger';
import type { EmulatorHost } from './emulator-host/emulator-host';
import { beginServices, type BegunServices } from './services-start';
import type { KasirOptions, Services } from './services-types';
import { createPaymentEngine } from './payments';
import { DayClosingService } from './reports/day-closing-service';
import { TodayReportService } from './reports/today-report';
import { createPrinterTransport, layoutSaleReceipt, ReceiptService } from './receipts';
import { DrawerOpening, SaleService } from './sales';
import { loadCredentials, type GatewayCredentials } from './secrets/credentials';
import { KeytarSecretStore } from './secrets/keytar-secret-store';
import { emulatorGatewayCredentials } from './secrets/emulator-credentials';
import { backupDir, resolveRouting, webhookPort } from './settings/settings';
import { salesSettingsOf } from './settings/sales-settings';
import { BackupService } from './ledger/backup';
import { LedgerMaintenance } from './ledger/ledger-maintenance';
import { contractErrorOf } from './app/contract-errors';
import { OwnerSettings, PrivilegeGuard, SessionManager, StaffService } from './staff';
import { startWebhookListener, type WebhookListener } from './webhook/listener';
import { NotificationVerifier } from './webhook/verifier';

export type { KasirOptions, Services, ShellDescription } from './services-types';

/** A gateway that refuses every call: the merchant has not entered keys yet. Cash still works. */
const unconfigured = (message: string): PaymentGateway => {
  const refuse = () => Promise.reject(new KasirError('NOT_CONFIGURED', message, { params: { which: 'gateway_keys' } }));
  return { charge: refuse, status: refuse, cancel: refuse, refund: refuse };
};

const MIDTRANS_URLS = {
  sandbox: { core: 'https://api.sandbox.midtrans.com', snap: 'https://merchants.sbx.midtrans.com' },
  production: { core: 'https://api.midtrans.com', snap: 'https://merchants.midtrans.com' },
} as const;

/**
 * Builds every service, starts the listener (and the emulator when selected) and reconciles.
 * `begun`: the start a shell made ahead (`beginServices` with these options: the browser shell
 * starts the emulator's worker before it loads Playwright); buildServices owns it from here, and
 * closes it with the rest — also when the build fails.
 */
export async function buildServices(opts: KasirOptions, begun: BegunServices = beginServices(opts)): Promise<Services> {
  const { settings, logger, emulatorStarting } = begun;
  const clock = opts.clock ?? new SystemClock();
  const routing = resolveRouting(settings);
  // The lock (released last) and the emulator (closed before it) come first.
  const closers: (() => Promise<void> | void)[] = begun.closers.splice(0);
  /** Closes in reverse order of opening, once (a second call finds nothing left). */
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await Promise.resolve(close()).catch(() => {});
  };

  try {
    const secrets = opts.secretStore ?? new KeytarSecretStore({ logger: logger.scope('secrets') });
    const db = openLedger(join(opts.dataDir, 'kasir.sqlite'));
    closers.push(() => void db.close());
    // Pushed after the ledger's closer, so a running backup finishes before the ledger closes.
    const backups = new BackupService({ db, dir: backupDir(settings, opts.dataDir), keep: settings.backup.keep, clock, logger: logger.scope('backup') });
    closers.push(() => backups.close());
    // Who is at the till: staff, sessions per caller, the privileged-action rule and the audit log.
    const audit = new AuditLog({ db, clock, logger });
    const staff = new StaffService({ db, clock, audit, logger, ...(opts.pinHasher ? { hasher: opts.pinHasher } : {}) });
    const ownerSettings = new OwnerSettings({ db, clock, audit });
    const sessions = new SessionManager({ staff, settings: ownerSettings, audit, clock, logger });
    closers.push(() => sessions.close());
    const guard = new PrivilegeGuard({ sessions, staff, audit });
    let emulator: EmulatorHost | null = null;
    let credentials: GatewayCredentials | null = null;
    let gateway: PaymentGateway;
    // Whether Midtrans answers: fed by every real gateway call, plus the engine's idle probe.
    const connection = new ConnectionMonitor(clock);
    if (emulatorStarting) {
      emulator = await emulatorStarting;
      credentials = emulatorGatewayCredentials(emulator.credentials);
    } else {
      const loaded = await loadCredentials(settings.gateway, secrets, settings.snapBi.merchantId ? { snapMerchantId: settings.snapBi.merchantId } : {});
      if (loaded.ok) credentials = loaded.value;
      else logger.warn('gateway keys not configured; only cash is available', { missing: loaded.missing });
    }
    if (credentials) {
      const urls = emulator
        ? { core: emulator.urls.coreApiUrl, snap: emulator.urls.snapBiUrl }
        : MIDTRANS_URLS[settings.gateway as 'sandbox' | 'production'];
      const kasirGateway: KasirGateway = createGateway({
        env: settings.gateway,
        coreApiBaseUrl: urls.core,
        snapBiBaseUrl: urls.snap,
        ...(emulator ? { caCertPem: emulator.caCertPem } : {}),
        routing: Object.fromEntries(Object.entries(routing).filter(([, api]) => api !== 'none')),
        credentials,
        clock,
        logger,
        connection,
        ...(settings.snapBi.vaPartnerServiceIds ? { snapBi: { vaPartnerServiceIds: settings.snapBi.vaPartnerServiceIds } } : {}),
      });
      closers.push(() => kasirGateway.close());
      gateway = kasirGateway;
    } else {
      gateway = unconfigured('Midtrans keys are not set up for this till yet. Cash still works.');
    }

    // History and exports name who did it (as the staff member is called now); 'till' has no name.
    const actorName = (actorId: string): string | null => staff.get(actorId)?.name ?? null;
    let listener: WebhookListener | null = null;
    const bus = new EventBus(logger.scope('events'));
    // What the till tells the cashier unasked; start-up notices wait for the renderer's first call.
    const notices = new NoticeBoard(bus);
    if (!credentials) notices.post({ level: 'warning', code: 'keys_not_configured', params: { env: settings.gateway } });
    const engine = createPaymentEngine({
      db,
      gateway,
      clock,
      logger,
      gatewayEnv: settings.gateway,
      zone: settings.zone,
      routing,
      actorName,
      onNotice: (notice) => notices.post(notice),
      ...(opts.statusBudget ? { statusBudget: opts.statusBudget } : {}),
      // At most one idle probe a minute (in the status budget) when no other call told us whether Midtrans answers.
      ...(credentials ? { connectionProbe: { lastCallAt: () => connection.lastCallAt() } } : {}),
      notificationUrls: () => {
        if (settings.webhook.publicUrl) return [settings.webhook.publicUrl];
        return emulator && listener ? [listener.coreNotificationUrl] : [];
      },
    });
    // Running confirmations finish before the ledger closes under them (closers run in reverse).
    closers.push(() => engine.close());
    const payments = engine.payments;
    const todayReport = new TodayReportService({ sales: new SalesQueries(db), clock, zone: settings.zone });
    // After a day is closed (never at start-up), settled raw payloads are compacted and the file VACUUMed while no sale is open.
    const maintenance = new LedgerMaintenance({ db, clock, logger: logger.scope('maintenance'), busy: () => sales.current() !== null });
    closers.push(() => maintenance.close());
    // Closing a day first re-reads its payments that could still change at Midtrans (bounded in time).
    const dayClosing = new DayClosingService({
      db, clock, zone: settings.zone, actorName, recheck: (window) => engine.recheckDay(window), onClosed: () => maintenance.dayClosed(),
    });
    const receipts = new ReceiptService({
      payments,
      shopName: settings.shopName,
      zone: settings.zone,
      printer: settings.printer,
      transport: createPrinterTransport(settings.printer),
      logger: logger.scope('receipts'),
    });
    const catalog = new CatalogService({ db, clock });
    // A fresh ledger gets the default catalogue once, so a new till sells at once.
    if (catalog.seedIfEmpty()) logger.info('seeded the default catalogue');
    // The sale, owned by main: priced here, tendered through the engine, pushed as `sale.updated`.
    const saleSettings = salesSettingsOf(settings.sales);
    const display = new CustomerDisplay({ current: () => sales.current(), demo: settings.gateway === 'emulator', emit: (p) => bus.emit('display.updated', p) });
    const sales = new SaleService({
      db,
      clock,
      ids: engine.ids,
      catalog,
      payments,
      settings: saleSettings,
      ownerSettings: { get: () => ownerSettings.get() },
      receipts,
      logger,
      actorName,
      demo: settings.gateway === 'emulator',
      zone: settings.zone,
      onChanged: (sale) => {
        bus.emit('sale.updated', { sale });
        display.saleChanged(sale);
      },
      onNotice: (notice) => notices.post(notice),
    });
    closers.push(() => sales.stop());
    // Told on every change; when Midtrans answers again, queued cancels and refunds go out.
    closers.push(
      connection.onChange((state) => {
        bus.emit('app.connection', state);
        if (state.state !== 'online') return;
        sales.retryQueued();
        void payments.retryQueued().catch((e: unknown) => logger.warn('queued refunds not resolved yet', { error: e }));
      }),
    );
    const drawerOpening = new DrawerOpening({
      db, clock, drawer: new DrawerRepository(db), audit, tillId: saleSettings.tillId, kickDrawer: () => receipts.kickDrawer(), logger: logger.scope('drawer'),
    });

    try {
      listener = await startWebhookListener({
        host: settings.webhook.host,
        port: webhookPort(settings),
        sink: engine.notifications,
        verifier: new NotificationVerifier({
          coreServerKey: credentials?.core?.serverKey ?? null,
          snapNotificationPublicKeyPem: credentials?.snapBi?.notificationPublicKeyPem ?? null,
          // SNAP-BI X-TIMESTAMP window around Midtrans' clock as measured (webhook/freshness.ts).
          freshness: { gatewayNow: () => (gateway.time ?? clock).now() },
        }),
        logger,
      });
      closers.push(() => listener?.close());
      emulator?.setNotificationUrls([listener.snapBiBaseUrl]);
    } catch (e) {
      // Polling carries every payment to its end without the listener.
      logger.warn('webhook listener could not start; polling only', { error: e });
    }

    payments.onUpdated((payment, source) => bus.emit('payment.updated', { payment, source }));
    // Before recovery: a tender recovery finds paid settles its sale; sales a crash left paid-but-open are settled now.
    sales.start();
    const sessionChanged = (): void => bus.emit('session.changed', {});
    sessions.onSignedOut(sessionChanged);
    void payments.recover().catch((e: unknown) => logger.error('recovery failed', { error: e }));
    // A first reading of Midtrans' clock: a till whose clock is off hears it at start, not at its first sale.
    void gateway.time?.sync();

    const methods: PaymentMethod[] = PAYMENT_METHODS.filter((m) => m === 'cash' || (credentials !== null && routing[m] !== 'none'));
    // A first run on the emulator sells as the default cashier; with real Midtrans the owner comes first.
    // The cashier's language, kept by main so both shells start in it (the browser shell's profile is fresh each launch).
    const uiPrefs = new UiPrefsStore(opts.dataDir, ({ file, error }) => logger.warn('ui.json ignored', { file, error }));
    const access = new CallerAccess({ sessions, staff, guard, defaultSessions: settings.gateway === 'emulator' });
    const handlers = {
      ...createTillHandlers({
        connection: () => connection.state(),
        info: () => ({ version: opts.version, shell: opts.shell, gateway: settings.gateway, zone: settings.zone, shopName: settings.shopName, methods, printer: settings.printer.kind, language: uiPrefs.language }),
        uiPrefs,
        catalog,
        payments,
        todayReport,
        dayClosing,
        secrets,
        receipts,
        backups,
        sales,
      }),
      ...createSaleHandlers({
        sales,
        approveDiscount: (callerId, approval, fn, target, details) => guard.run(callerId, 'sales.discount', approval, fn, target, () => ({ details })),
        receipts,
        gatewayUsable: () => connection.usable(),
        layout: (sale, language, copy, columns) =>
          layoutSaleReceipt({ shopName: settings.shopName, zone: settings.zone, npwp: saleSettings.npwp, sale, copy, demo: sale.demo }, language, columns),
        openDrawer: (reason, who) => drawerOpening.open(reason, who),
      }),
      ...createStaffHandlers({ access, sessions, staff, ownerSettings, audit, clock, zone: settings.zone, sessionChanged }),
    };
    const router = createRouter(
      secureHandlers(handlers, access, PRIVILEGED_SPECS),
      (channel, error) => logger.error('handler failed', { channel, error }),
      contractErrorOf,
    );

    return {
      router: refuseDisplayCallers(openOnFirstCall(router, notices)),
      callerGone: (callerId) => sessions.signOut(callerId, 'closed'),
      onEvent: (l) => bus.on(l),
      display: () => display.now(),
      describe: () => ({
        shell: opts.shell,
        gateway: settings.gateway,
        dataDir: opts.dataDir,
        webhookUrl: listener?.url ?? null,
        emulator: emulator
          ? { ...emulator.urls, caCertPath: emulator.caCertPath }
          : null,
      }),
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
