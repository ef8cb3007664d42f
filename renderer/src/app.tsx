/**
 * The till's shell: header, tabs, and the screen for the current tab, behind
 * the session gates — owner setup first on a till that may not run without
 * an owner, the sign-in screen when nobody is signed in on this window —
 * with the owner-PIN prompt and owner setup over whatever screen asked.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../shared/contract/channels';
import { call, subscribe } from './api';
import { dropStartCalls } from './start-calls';
import { usePayments } from './stores/payment-store';
import { useSale } from './stores/sale-store';
import { useCatalog } from './stores/catalog-store';
import { useSession } from './stores/session-store';
import { useActivityPing } from './features/session/use-activity-ping';
import { useApproval } from './stores/approval-store';
import { TillScreen } from './features/till/till-screen';
import { SessionBar } from './features/session/session-bar';
import { SignInScreen } from './features/session/sign-in-screen';
import { OwnerSetupDialog } from './features/session/owner-setup';
import { ApprovalPrompt } from './features/session/approval-prompt';
import { LanguageSwitch } from './components/language-switch';
import { ConnectionIndicator } from './features/connection/connection-indicator';
import { useConnection } from './features/connection/connection-store';
import { useNoticeText } from './components/error-message';
import type { AppNotice } from '../../shared/contract/events';
import { useShopZone } from './i18n/format';
import { adoptRememberedLanguage } from './i18n';
import './demo-banner.css';

// The back-office screens are their own chunks, fetched when their tab first opens: the till
// starts without them (Chart.js alone is ~150 kB of the Today screen). See renderer/README.md.
const HistoryScreen = lazy(() => import('./features/history/history-screen').then((m) => ({ default: m.HistoryScreen })));
const ReportScreen = lazy(() => import('./features/report/report-screen').then((m) => ({ default: m.ReportScreen })));
const SettingsScreen = lazy(() => import('./features/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })));
const CatalogScreen = lazy(() => import('./features/catalog/catalog-screen').then((m) => ({ default: m.CatalogScreen })));
const StaffScreen = lazy(() => import('./features/staff/staff-screen').then((m) => ({ default: m.StaffScreen })));
const AuditScreen = lazy(() => import('./features/audit/audit-screen').then((m) => ({ default: m.AuditScreen })));

const TABS = ['till', 'history', 'today', 'products', 'settings', 'staff', 'audit'] as const;
type Tab = (typeof TABS)[number];

const TAB_LABEL = {
  till: 'tab.till',
  history: 'tab.history',
  today: 'tab.today',
  products: 'tab.products',
  settings: 'tab.settings',
  staff: 'staff.tab',
  audit: 'audit.tab',
} as const satisfies Record<Tab, string>;

/** Root component: loads shop info, the session and the catalogue; routes pushed events into the stores. */
export function App() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<ChannelOutput<'app.info'> | null>(null);
  const products = useCatalog((s) => s.products);
  const loadCatalog = useCatalog((s) => s.load);
  const [tab, setTab] = useState<Tab>('till');
  // Several notices can arrive together (start-up recovery): each stays until tapped away.
  const [notices, setNotices] = useState<AppNotice[]>([]);
  const noticeText = useNoticeText();
  const applyUpdate = usePayments((s) => s.applyUpdate);
  const receiveSale = useSale((s) => s.receive);
  const loadSale = useSale((s) => s.load);
  const setZone = useShopZone((s) => s.setZone);
  const session = useSession((s) => s.session);
  const loadSession = useSession((s) => s.load);
  const switching = useSession((s) => s.switching);
  const ownerSetupOpen = useSession((s) => s.ownerSetupOpen);
  const recoveryCode = useSession((s) => s.recoveryCode);
  const staffId = session?.staff?.id ?? null;
  useActivityPing(staffId !== null && !(session?.isDefault ?? false));

  // The catalogue and the open sale, once per signed-in staff id. Asked as soon as the session is
  // known, not after React has rendered the till for it: that render (synchronous, on the store's
  // update) sat between the two waves of start-up calls (~40–50 ms of the browser shell's start here).
  const loadedFor = useRef<string | null>(null);
  const loadTill = useCallback(
    (id: string) => {
      if (loadedFor.current === id) return;
      loadedFor.current = id;
      void loadCatalog();
      void loadSale();
    },
    [loadCatalog, loadSale],
  );

  useEffect(() => {
    // With the first calls, not when the header's indicator mounts (it only reads the store).
    useConnection.getState().start();
    void call('app.info').then((r) => {
      if (!r.ok) return;
      void adoptRememberedLanguage(r.value.language);
      setInfo(r.value);
      setZone(r.value.zone);
    });
    void loadSession((s) => {
      if (s.staff) loadTill(s.staff.id);
    });
    const offUpdate = subscribe('payment.updated', ({ payment }) => applyUpdate(payment));
    // Main owns the sale: every change to it (a tender paid by webhook, a line set) is pushed here.
    const offSale = subscribe('sale.updated', ({ sale }) => receiveSale(sale));
    const offNotice = subscribe('app.notice', (n) => setNotices((list) => [...list.filter((o) => o.code !== n.code), n].slice(-3)));
    // Idle sign-out, a sign-in elsewhere, the owner created: main says "changed", this window asks who it is now.
    const offSession = subscribe('session.changed', () => void loadSession());
    return () => {
      offUpdate();
      offSale();
      offNotice();
      offSession();
    };
  }, [applyUpdate, receiveSale, setZone, loadSession, loadTill]);

  // What the till sells, and the sale left open on it (after a restart too), are for signed-in staff.
  useEffect(() => {
    if (!staffId) {
      loadedFor.current = null;
      return;
    }
    loadTill(staffId);
  }, [staffId, loadTill]);

  // The first session answer is on screen: the start's early reads nobody took (the roster, when that
  // screen is not sign-in) are dropped. After its children's effects, so a sign-in screen took the roster.
  const answered = session !== null;
  useEffect(() => {
    if (answered) dropStartCalls();
  }, [answered]);

  // An approval asked for one person's action is never carried over to the next person's session.
  useEffect(() => () => useApproval.getState().cancel(), [staffId]);

  if (!session) return <p className="muted app-loading">{t('session.loading')}</p>;
  const mustSetUpOwner = session.ownerSetupRequired || (!session.staff && !session.ownerExists);
  const signedIn = session.staff !== null;

  return (
    <>
      {signedIn && (
        <div className="app" data-testid="till-main">
          <header className="topbar">
            <strong>{info?.shopName ?? 'Kasir'}</strong>
            <nav>
              {TABS.map((name) => (
                <button key={name} className={tab === name ? 'active' : ''} data-testid={`tab-${name}`} onClick={() => setTab(name)}>
                  {t(TAB_LABEL[name])}
                </button>
              ))}
            </nav>
            {info && (
              <span className={`badge gateway-${info.gateway}`} data-testid="gateway-badge">
                {t(`gateway.${info.gateway}`)}
              </span>
            )}
            <ConnectionIndicator />
            <SessionBar />
            <LanguageSwitch />
          </header>
          {info?.gateway === 'emulator' && (
            <div className="demo-banner" role="alert" data-testid="demo-banner">
              {t('app.demoBanner')}
            </div>
          )}
          {notices.map((notice) => (
            <div
              key={notice.code}
              className="notice"
              role="status"
              data-testid="app-notice"
              data-code={notice.code}
              data-level={notice.level}
              onClick={() => setNotices((list) => list.filter((o) => o !== notice))}
            >
              {noticeText(notice)}
            </div>
          ))}
          <main>
            {tab === 'till' && <TillScreen products={products} methods={info?.methods ?? []} printer={info?.printer ?? 'none'} />}
            <Suspense fallback={<div className="screen-loading" data-testid="screen-loading" aria-busy="true" />}>
              {tab === 'history' && <HistoryScreen printer={info?.printer ?? 'none'} />}
              {tab === 'today' && <ReportScreen />}
              {tab === 'products' && <CatalogScreen />}
              {tab === 'settings' && <SettingsScreen />}
              {tab === 'staff' && <StaffScreen />}
              {tab === 'audit' && <AuditScreen />}
            </Suspense>
          </main>
        </div>
      )}
      {!signedIn && (
        <div className="gate-language">
          <LanguageSwitch />
        </div>
      )}
      {!signedIn && !mustSetUpOwner && <SignInScreen />}
      {signedIn && switching && <SignInScreen />}
      {(mustSetUpOwner || ownerSetupOpen || recoveryCode !== null) && <OwnerSetupDialog fullScreen={!signedIn} />}
      {signedIn && <ApprovalPrompt />}
    </>
  );
}
