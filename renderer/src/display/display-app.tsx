/**
 * The customer-facing display: the lines and total of the sale on the till,
 * what to pay with (the QR, VA number, bill key or store code of the open
 * tender), "Lunas — terima kasih" when paid, and the demo-money banner in
 * emulator mode. Large type, for reading across a counter. It only listens
 * (`window.kasirDisplay.onDisplay`): there is no invoke on this page.
 */
import { useEffect, useState } from 'react';
import { events } from '../../../shared/contract/events';
import { DISPLAY_GLOBAL, type DisplayClient, type DisplayUpdate } from '../../../shared/contract/display-client';
import { formatRupiah } from '../../../shared/domain/money';
import { DisplayQr } from './display-qr';
import { screenOf, type DisplayInstruction } from './display-view';
import { displayWords as w } from './display-words';

declare global {
  interface Window {
    /** The display bridge (display preload / browser-shell init script); absent anywhere else. */
    kasirDisplay?: DisplayClient;
  }
}

/** The latest valid payload main pushed (payloads that break the contract are dropped). */
function useDisplayUpdate(): DisplayUpdate | null {
  const [update, setUpdate] = useState<DisplayUpdate | null>(null);
  useEffect(() => {
    const bridge = window[DISPLAY_GLOBAL];
    if (!bridge) return;
    return bridge.onDisplay((payload) => {
      const parsed = events['display.updated'].safeParse(payload);
      if (parsed.success) setUpdate(parsed.data);
    });
  }, []);
  return update;
}

function Instruction({ instruction, amount }: { instruction: DisplayInstruction; amount: number | null }) {
  const sum = amount !== null && <p className="display-amount" data-testid="display-amount">{formatRupiah(amount)}</p>;
  switch (instruction.kind) {
    case 'qr':
      return (
        <div className="display-pay" data-testid="display-pay" data-kind="qr">
          <DisplayQr payload={instruction.qrString} />
          <p>{w.scan}</p>
          {sum}
        </div>
      );
    case 'va':
      return (
        <div className="display-pay" data-testid="display-pay" data-kind="va">
          <p>{w.va(instruction.bank.toUpperCase())}</p>
          <p className="display-code" data-testid="display-va-number">{instruction.vaNumber}</p>
          {sum}
        </div>
      );
    case 'bill':
      return (
        <div className="display-pay" data-testid="display-pay" data-kind="bill">
          <p>{w.billerCode}</p>
          <p className="display-code">{instruction.billerCode}</p>
          <p>{w.billKey}</p>
          <p className="display-code" data-testid="display-bill-key">{instruction.billKey}</p>
          {sum}
        </div>
      );
    case 'paycode':
      return (
        <div className="display-pay" data-testid="display-pay" data-kind="paycode">
          <p>{w.paycode(instruction.store === 'alfamart' ? 'Alfamart' : 'Indomaret')}</p>
          <p className="display-code" data-testid="display-pay-code">{instruction.paymentCode}</p>
          {sum}
        </div>
      );
    case 'wait':
      return (
        <div className="display-pay" data-testid="display-pay" data-kind="wait">
          <p>{w.wait}</p>
          {sum}
        </div>
      );
  }
}

/** The whole display. */
export function DisplayApp() {
  const update = useDisplayUpdate();
  const screen = screenOf(update);
  return (
    <div className="display" data-testid="display" data-screen={screen.kind} data-sale-id={update?.sale?.id ?? ''}>
      {update?.demo && (
        <div className="display-demo" role="alert" data-testid="display-demo">
          {w.demo}
        </div>
      )}
      {screen.kind === 'welcome' && <p className="display-welcome">{w.welcome}</p>}
      {screen.kind === 'paid' && (
        <div className="display-paid" data-testid="display-paid" role="status">
          <span className="display-tick" aria-hidden="true">✓</span>
          <p className="display-lunas">{w.lunas}</p>
          <p className="display-amount" data-testid="display-total">{formatRupiah(screen.total)}</p>
          {screen.change > 0 && (
            <p className="display-change" data-testid="display-change">
              {w.change} {formatRupiah(screen.change)}
            </p>
          )}
        </div>
      )}
      {screen.kind === 'sale' && (
        <div className="display-sale">
          <section className="display-lines">
            <ul data-testid="display-lines">
              {screen.lines.map((l) => (
                <li key={l.id} data-testid="display-line">
                  <span className="display-qty">{l.quantity} ×</span>
                  <span className="display-name">{l.name}</span>
                  <span className="display-net">{formatRupiah(l.net)}</span>
                </li>
              ))}
            </ul>
            <p className="display-total-row">
              <span>{w.total}</span>
              <strong data-testid="display-total" data-amount={screen.total}>{formatRupiah(screen.total)}</strong>
            </p>
            {screen.paid > 0 && (
              <>
                <p className="display-sub-row"><span>{w.paid}</span><span>{formatRupiah(screen.paid)}</span></p>
                <p className="display-sub-row"><span>{w.due}</span><span data-testid="display-due">{formatRupiah(screen.due)}</span></p>
              </>
            )}
          </section>
          {screen.instruction && <Instruction instruction={screen.instruction} amount={screen.amount} />}
        </div>
      )}
    </div>
  );
}
