/** The till's shell: header, tabs, and the screen for the current tab. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../shared/contract/channels';
import { call, subscribe } from './api';
import { usePayments } from './stores/payment-store';
import { useCatalog } from './stores/catalog-store';
import { ProductGrid } from './features/till/product-grid';
import { CartPanel } from './features/till/cart-panel';
import { PaymentScreen } from './features/payment/payment-screen';
import { HistoryScreen } from './features/history/history-screen';
import { ReportScreen } from './features/report/report-screen';
import { SettingsScreen } from './features/settings/settings-screen';
import { CatalogScreen } from './features/catalog/catalog-screen';
import { LanguageSwitch } from './components/language-switch';
import { useShopZone } from './i18n/format';

const TABS = ['till', 'history', 'today', 'products', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** Root component: loads shop info and the catalogue, routes pushed events into the stores. */
export function App() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<ChannelOutput<'app.info'> | null>(null);
  const products = useCatalog((s) => s.products);
  const loadCatalog = useCatalog((s) => s.load);
  const [tab, setTab] = useState<Tab>('till');
  const [notice, setNotice] = useState<string | null>(null);
  const applyUpdate = usePayments((s) => s.applyUpdate);
  const current = usePayments((s) => s.current);
  const setZone = useShopZone((s) => s.setZone);

  useEffect(() => {
    void call('app.info').then((r) => {
      if (!r.ok) return;
      setInfo(r.value);
      setZone(r.value.zone);
    });
    void loadCatalog();
    const offUpdate = subscribe('payment.updated', ({ payment, source }) => applyUpdate(payment, source));
    const offNotice = subscribe('app.notice', ({ message }) => setNotice(message));
    return () => {
      offUpdate();
      offNotice();
    };
  }, [applyUpdate, setZone, loadCatalog]);

  return (
    <div className="app" data-testid="till-main">
      <header className="topbar">
        <strong>{info?.shopName ?? 'Kasir'}</strong>
        <nav>
          {TABS.map((name) => (
            <button key={name} className={tab === name ? 'active' : ''} data-testid={`tab-${name}`} onClick={() => setTab(name)}>
              {t(`tab.${name}`)}
            </button>
          ))}
        </nav>
        {info && (
          <span className={`badge gateway-${info.gateway}`} data-testid="gateway-badge">
            {t(`gateway.${info.gateway}`)}
          </span>
        )}
        <LanguageSwitch />
      </header>
      {notice && <div className="notice" role="status" onClick={() => setNotice(null)}>{notice}</div>}
      <main>
        {tab === 'till' && (current ? <PaymentScreen shopName={info?.shopName ?? 'Kasir'} printer={info?.printer ?? 'none'} /> : (
          <div className="till">
            <ProductGrid products={products} />
            <CartPanel methods={info?.methods ?? []} />
          </div>
        ))}
        {tab === 'history' && <HistoryScreen />}
        {tab === 'today' && <ReportScreen />}
        {tab === 'products' && <CatalogScreen />}
        {tab === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}
