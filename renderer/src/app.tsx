/** The till's shell: header, tabs, and the screen for the current tab. */
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../shared/contract/channels';
import type { Product } from '../../shared/contract/schemas';
import { call, subscribe } from './api';
import { usePayments } from './stores/payment-store';
import { ProductGrid } from './features/till/product-grid';
import { CartPanel } from './features/till/cart-panel';
import { PaymentScreen } from './features/payment/payment-screen';
import { HistoryScreen } from './features/history/history-screen';
import { ReportScreen } from './features/report/report-screen';
import { SettingsScreen } from './features/settings/settings-screen';

type Tab = 'till' | 'history' | 'today' | 'settings';

const TAB_LABEL: Record<Tab, string> = { till: 'Till', history: 'Payments', today: 'Today', settings: 'Settings' };

export function App() {
  const [info, setInfo] = useState<ChannelOutput<'app.info'> | null>(null);
  const [products, setProducts] = useState<Product[]>([]);
  const [tab, setTab] = useState<Tab>('till');
  const [notice, setNotice] = useState<string | null>(null);
  const applyUpdate = usePayments((s) => s.applyUpdate);
  const current = usePayments((s) => s.current);

  useEffect(() => {
    void call('app.info').then((r) => r.ok && setInfo(r.value));
    void call('catalog.list').then((r) => r.ok && setProducts(r.value));
    const offUpdate = subscribe('payment.updated', ({ payment, source }) => applyUpdate(payment, source));
    const offNotice = subscribe('app.notice', ({ message }) => setNotice(message));
    return () => {
      offUpdate();
      offNotice();
    };
  }, [applyUpdate]);

  return (
    <div className="app" data-testid="till-main">
      <header className="topbar">
        <strong>{info?.shopName ?? 'Kasir'}</strong>
        <nav>
          {(Object.keys(TAB_LABEL) as Tab[]).map((t) => (
            <button key={t} className={tab === t ? 'active' : ''} data-testid={`tab-${t}`} onClick={() => setTab(t)}>
              {TAB_LABEL[t]}
            </button>
          ))}
        </nav>
        {info && (
          <span className={`badge gateway-${info.gateway}`} data-testid="gateway-badge">
            {info.gateway === 'emulator' ? 'Emulator (no real money)' : info.gateway}
          </span>
        )}
      </header>
      {notice && <div className="notice" role="status" onClick={() => setNotice(null)}>{notice}</div>}
      <main>
        {tab === 'till' && (current ? <PaymentScreen /> : (
          <div className="till">
            <ProductGrid products={products} />
            <CartPanel methods={info?.methods ?? []} />
          </div>
        ))}
        {tab === 'history' && <HistoryScreen />}
        {tab === 'today' && <ReportScreen />}
        {tab === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}
