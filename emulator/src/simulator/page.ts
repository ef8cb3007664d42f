/**
 * The simulator's HTML pages. Server-rendered tables plus a few lines of
 * script that call the JSON API, so the page works without any build step.
 */
import type { Transaction } from '../types';
import type { DeliveryRecord } from '../notifications/dispatcher';
import { REFUNDABLE_TYPES } from '../store/refund-rules';
import { REVERSIBLE_TYPES } from './dashboard';

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
.pending{color:#b36b00}.settlement{color:#0a7d27}.expire,.cancel,.deny{color:#b00020}.refund,.partial_refund{color:#5a3d99}code{font-size:12px;word-break:break-all}
form{display:inline-flex;gap:.4rem;margin:.3rem 0}button{cursor:pointer}#msg{font-weight:bold}`;

// Posts to the JSON API and reloads so the tables show the new state.
const SCRIPT = `async function sim(action, body){const r=await fetch('/simulator/api/'+action,{method:'POST',
headers:{'Content-Type':'application/json'},body:JSON.stringify(body)});const j=await r.json();
document.getElementById('msg').textContent=j.ok?action+': ok':action+': '+(j.error||r.status);if(j.ok)setTimeout(()=>location.reload(),300);}
function byForm(e,action){e.preventDefault();const f=e.target;const key=f.kind.value;const val=f.value.value.trim();
const body={};body[key]=val;if(action==='advance'){return sim('clock/advance',{seconds:Number(val)});}return sim(action,body);}`;

/** Where the customer instruction is: QR, VA, bill, code. */
function instruction(tx: Transaction): string {
  if (tx.vaNumber) return `${esc(tx.bank)} VA <code>${esc(tx.vaNumber)}</code>`;
  if (tx.billKey) return `biller <code>${esc(tx.billerCode)}</code> bill <code>${esc(tx.billKey)}</code>`;
  if (tx.paymentCode) return `${esc(tx.store)} <code>${esc(tx.paymentCode)}</code>`;
  if (tx.snap?.virtualAccountNo) return `VA <code>${esc(tx.snap.virtualAccountNo)}</code>`;
  if (tx.qrString) return `<details><summary>QR</summary><code>${esc(tx.qrString)}</code></details>`;
  return '';
}

/** The actions that make sense now: pay etc. while pending; dashboard refund / bank reversal once paid. */
function buttons(tx: Transaction): string {
  const id = JSON.stringify({ order_id: tx.transactionId }).replace(/"/g, '&quot;');
  const button = (a: string, label = a): string => `<button onclick="sim('${a}',${id})">${label}</button>`;
  if (tx.status === 'pending') return ['pay', 'deny', 'expire', 'cancel'].map((a) => button(a)).join(' ');
  const out: string[] = [];
  if (tx.status === 'settlement' && REVERSIBLE_TYPES.has(tx.paymentType)) out.push(button('reverse'));
  const refundable = tx.status === 'settlement' || tx.status === 'capture' || tx.status === 'partial_refund';
  if (refundable && REFUNDABLE_TYPES.has(tx.paymentType)) out.push(button('refund', 'refund rest (dashboard)'));
  return out.join(' ');
}

/** The main page: forms, recent charges, recent notification attempts. */
export function renderSimulatorPage(data: {
  transactions: Transaction[];
  notifications: DeliveryRecord[];
  clockIso: string;
  offsetSeconds: number;
}): string {
  const txRows = data.transactions
    .map(
      (tx) => `<tr><td>${esc(tx.orderId)}<br><small>${esc(tx.transactionId)}</small></td><td>${esc(tx.source)}</td>
<td>${esc(tx.paymentType)}</td><td>${esc(tx.grossAmount)}</td><td class="${esc(tx.status)}">${esc(tx.status)}</td>
<td>${instruction(tx)}</td><td>${esc(new Date(tx.expiresAt).toISOString())}</td><td>${buttons(tx)}</td></tr>`,
    )
    .join('\n');
  const noteRows = data.notifications
    .map((n) => {
      const last = n.attempts[n.attempts.length - 1];
      const reply = last ? `${esc(last.httpStatus ?? last.error)} <code>${esc(last.replyExcerpt.slice(0, 120))}</code>` : '';
      return `<tr><td>${esc(n.id)}</td><td>${esc(n.orderId)}</td><td>${esc(n.status)}</td><td><code>${esc(n.url)}</code></td>
<td>${esc(n.state)}${n.fault ? ` (${esc(n.fault)})` : ''}</td><td>${n.attempts.length}</td><td>${reply}</td>
<td>${n.nextAttemptAt ? esc(new Date(n.nextAttemptAt).toISOString()) : ''}</td></tr>`;
    })
    .join('\n');
  const form = (action: string): string =>
    `<form onsubmit="byForm(event,'${action}')"><select name="kind"><option value="order_id">order id</option>
<option value="qr_string">QR string</option><option value="va_number">VA / bill / code</option></select>
<input name="value" size="40" required><button>${action}</button></form>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Midtrans emulator simulator</title>
<style>${STYLE}</style><script>${SCRIPT}</script></head><body>
<h1>Midtrans emulator: simulator</h1>
<p>Emulator time: <b>${esc(data.clockIso)}</b> (offset ${esc(data.offsetSeconds)} s)
<form onsubmit="byForm(event,'advance')"><input type="hidden" name="kind" value="seconds">
<input name="value" size="8" placeholder="seconds" required><button>advance clock</button></form></p>
<p>${form('pay')} ${form('deny')} ${form('expire')} ${form('reverse')} ${form('refund')}</p><p id="msg"></p>
<h2>Recent charges</h2><table><tr><th>order / transaction id</th><th>API</th><th>type</th><th>amount</th>
<th>status</th><th>pay with</th><th>expires</th><th></th></tr>${txRows}</table>
<h2>Notification attempts</h2><table><tr><th>#</th><th>order</th><th>status</th><th>URL</th><th>state</th>
<th>attempts</th><th>last reply</th><th>next retry</th></tr>${noteRows}</table>
</body></html>`;
}

/** The page a GoPay / ShopeePay deeplink opens: pay or cancel one charge. */
export function renderCheckoutPage(tx: Transaction, callbackUrl: string | null): string {
  const back = callbackUrl ? `<p><a href="${esc(callbackUrl)}">Back to merchant</a></p>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Emulator checkout</title><style>${STYLE}</style>
<script>${SCRIPT}</script></head><body><h1>${esc(tx.paymentType)} checkout</h1>
<p>Order <b>${esc(tx.orderId)}</b>, Rp ${esc(tx.grossAmount)}, status <b class="${esc(tx.status)}">${esc(tx.status)}</b></p>
<p>${buttons(tx)}</p><p id="msg"></p>${back}</body></html>`;
}
