/**
 * Writes one generated shop day into a ledger the way the real services
 * leave it (see ledger-generator.ts for the shape of the year): per sale an
 * `orders` row, its `order_items`, a `sales` row with draft and quote, and per
 * tender a `payments` row, its `sale_tenders` row, its `payment_events` (the
 * charge answer, the notification claim and the applied status answer, raw
 * texts from ledger-samples.json — answers captured from the bundled emulator —
 * through `ledgerRaw` / `settledRaw`), SNAP-BI notification deliveries, the
 * re-check plan of paid gateway payments, the sale's outbox events, refunds
 * and drawer movements. Statements are prepared once; the caller batches
 * days into large transactions.
 */
import type { Database } from '../../electron/main/core/ledger';
import { packText } from '../../electron/main/core/ledger/packed-text';
import { ledgerRaw, settledRaw } from '../../electron/main/core/payments/raw-retention';
import samples from './ledger-samples.json';

/** A seeded PRNG (mulberry32): the same spec always generates the same ledger. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The default catalogue (what a fresh till seeds). */
const PRODUCTS = [
  ['KOPI-SUSU', 'Es Kopi Susu', 18_000], ['KOPI-HITAM', 'Kopi Hitam', 12_000], ['TEH-MANIS', 'Es Teh Manis', 8_000],
  ['MATCHA', 'Matcha Latte', 25_000], ['NASI-GORENG', 'Nasi Goreng', 28_000], ['MIE-AYAM', 'Mie Ayam', 22_000],
  ['ROTI-BAKAR', 'Roti Bakar', 15_000], ['PISANG-GRG', 'Pisang Goreng', 10_000], ['KUE-LAPIS', 'Kue Lapis', 7_500],
  ['AIR-MINERAL', 'Air Mineral', 5_000],
] as const;

/** Paid tender mix of a busy Jakarta shop (QRIS first); cumulative weights. */
const PAID_MIX: readonly [string, number][] = [
  ['qris', 0.62], ['cash', 0.18], ['gopay', 0.05], ['shopeepay', 0.04], ['dana', 0.02], ['va_bca', 0.025], ['va_bni', 0.01],
  ['va_bri', 0.01], ['va_permata', 0.005], ['mandiri_bill', 0.005], ['indomaret', 0.01], ['alfamart', 0.015],
];

/** Local shop hours 07:00–22:00 WIB, weight per hour (lunch and evening peaks). */
const HOUR_WEIGHTS = [2, 4, 5, 7, 9, 11, 9, 6, 5, 6, 8, 11, 10, 7, 4];
const OPEN_HOUR = 7;
const ZONE_OFFSET_MS = 7 * 3_600_000; // Asia/Jakarta: no DST


const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
let dayKey = -1;
let dayText = '';

/** `new Date(ms).toISOString()` without its cost (it was the generator's hottest call): the date part cached per UTC day. */
export function isoOf(ms: number): string {
  const d = Math.floor(ms / 86_400_000);
  if (d !== dayKey) {
    dayKey = d;
    dayText = new Date(d * 86_400_000).toISOString().slice(0, 11);
  }
  let r = ms - d * 86_400_000;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const sec = Math.floor(r / 1000);
  return `${dayText}${PAD2[h]}:${PAD2[m]}:${PAD2[sec]}.${PAD3[r - sec * 1000]}Z`;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HEX = '0123456789abcdef';

interface Template {
  method: string;
  api: string;
  action: string | null;
  va_number: string | null;
  expires_in_ms: number | null;
  external_is_order_id: boolean;
  events: { source: string; from_status: string; to_status: string | null; claimed_status: string | null; applied: number; note: string; claim: boolean; delivery: boolean; live: string | null; settled: string | null }[];
  recheck_after_ms: number | null;
}

function templates(): Map<string, Template> {
  const out = new Map<string, Template>();
  for (const [key, t] of Object.entries(samples.methods)) {
    const events = t.events.map((e) => {
      const live = e.raw === null ? null : ledgerRaw(JSON.parse(e.raw));
      return { ...e, live, settled: live === null ? null : settledRaw(live) };
    });
    out.set(key, { ...(t as unknown as Template), events });
  }
  return out;
}

/** What one day added up to (for the log and the schedule's checks). */
export interface DayStats {
  payments: number;
  sales: number;
}

/** Per-till receipt counters and the running ids shared by all days of one ledger. */
export interface WriterState {
  eventId: number;
  movementId: number;
  refundId: number;
  seq: number;
  receipts: Map<string, number>;
}

export const TILLS = ['K1', 'K2', 'K3', 'K4'];
export const STAFF = ['STF-ANI', 'STF-BUDI', 'STF-CITRA', 'STF-DEWI', 'STF-EKO', 'STF-FITRI'];

/** Prepared inserts over one ledger. */
export class LedgerDayWriter {
  private readonly t = templates();
  private readonly ins;
  readonly state: WriterState = { eventId: 0, movementId: 0, refundId: 0, seq: 0, receipts: new Map() };
  /** Whether the day being written will be closed (its sales and settled payments then compacted). */
  private dayClosed = true;

  /**
   * An outbox row — none for a day that will be closed: its maintenance
   * prunes them (ledger/sale-compaction.ts PRUNE_OUTBOX, since v16).
   */
  private outbox(type: string, aggregateId: string, payload: string, at: string, actor: string): void {
    if (!this.dayClosed) this.ins.outbox.run(type, aggregateId, payload, at, actor);
  }

  constructor(private readonly db: Database, private readonly rand: () => number) {
    const p = (sql: string) => db.prepare(sql);
    this.ins = {
      order: p('INSERT INTO orders (id, total, created_at, actor) VALUES (?, ?, ?, ?)'),
      item: p('INSERT INTO order_items (order_id, line, sku, name, price, quantity) VALUES (?, ?, ?, ?, ?, ?)'),
      sale: p(`INSERT INTO sales (id, till_id, status, draft, quote, subtotal, discount_total, service_total, tax_total, total, rounding,
        receipt_no, print_count, opened_at, updated_at, closed_at, void_reason, actor) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?, 0, ?, ?, ?, ?, ?, ?, ?)`),
      payment: p(`INSERT INTO payments (id, order_id, gateway_order_id, method, api, external_id, reference_no, status, amount, refunded_amount,
        action, va_number, expires_at, paid_at, last_source, created_at, updated_at, gateway_env, actor)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sandbox', ?)`),
      tender: p(`INSERT INTO sale_tenders (payment_id, sale_id, seq, applied, rounding, received, change_given, items, created_at, abandoned_at)
        VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`),
      event: p(`INSERT INTO payment_events (id, payment_id, source, from_status, to_status, claimed_status, applied, note, refunded_delta, raw,
        created_at, actor, claim_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      delivery: p('INSERT INTO notification_deliveries (delivery_key, event_id, received_at) VALUES (?, ?, ?)'),
      recheck: p('INSERT INTO payment_rechecks (payment_id, next_at, checked_at, checks) VALUES (?, ?, ?, ?)'),
      outbox: p('INSERT INTO outbox (type, aggregate_id, payload, at, actor) VALUES (?, ?, ?, ?, ?)'),
      refund: p(`INSERT INTO refunds (id, payment_id, refund_key, amount, refunded_before, reason, status, created_at, updated_at, actor)
        VALUES (?, ?, ?, ?, 0, ?, 'succeeded', ?, ?, ?)`),
      refunded: p('UPDATE payments SET status = ?, refunded_amount = ?, updated_at = ? WHERE id = ?'),
      drawer: p(`INSERT INTO drawer_movements (id, till_id, kind, sale_id, payment_id, amount, reason, actor, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  private id(prefix: string): string {
    // Random-looking like the app's ids, unique by construction (a counter in the last 5 characters).
    let s = prefix;
    for (let i = 0; i < 11; i++) s += ALPHABET[(this.rand() * 32) | 0];
    let n = this.state.seq++;
    for (let i = 0; i < 5; i++) {
      s += ALPHABET[n & 31];
      n >>>= 5;
    }
    return s;
  }

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[(this.rand() * 16) | 0];
    return s;
  }

  private uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private paidMethod(): string {
    const r = this.rand();
    let acc = 0;
    for (const [m, w] of PAID_MIX) if (r < (acc += w)) return m;
    return 'qris';
  }

  /** `count` sale start instants over the local day starting at `startUtc`, sorted. */
  private times(startUtc: number, count: number): number[] {
    const sum = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      let r = this.rand() * sum;
      let h = 0;
      while (h < HOUR_WEIGHTS.length - 1 && r >= HOUR_WEIGHTS[h]!) r -= HOUR_WEIGHTS[h++]!;
      out.push(startUtc + (OPEN_HOUR + h) * 3_600_000 + Math.floor(this.rand() * 3_600_000));
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * Writes one day (local midnight at `startUtc`) with about `target` payments.
   * `settledBefore`: "now" for the day's payments — `closed` (the day will be
   * closed) payments final before it, with no re-check still planned, are left
   * as the ledger maintenance leaves them after the close (ledger/raw-compaction.ts,
   * ledger/sale-compaction.ts): `settledRaw`, no QR string, the tender's derivable
   * items and the paid sale's draft compacted. A day that is not `closed` keeps
   * everything full (the maintenance only touches closed days).
   */
  writeDay(startUtc: number, target: number, settledBefore: number, closed = true): DayStats {
    this.dayClosed = closed;
    const stats: DayStats = { payments: 0, sales: 0 };
    // ~1.07 payments per sale (expired/cancelled first tenders, splits).
    const starts = this.times(startUtc, Math.max(1, Math.round(target / 1.07)));
    for (const t0 of starts) {
      if (stats.payments >= target) break;
      stats.payments += this.writeSale(t0, target - stats.payments, settledBefore);
      stats.sales++;
    }
    return stats;
  }

  private writeSale(t0: number, room: number, settledBefore: number): number {
    const r = this.rand;
    const till = TILLS[(r() * TILLS.length) | 0]!;
    const actor = STAFF[(r() * STAFF.length) | 0]!;
    const saleId = this.id('ORD-');
    const nLines = 1 + ((r() * r() * 4) | 0);
    const lines: { sku: string; name: string; price: number; qty: number }[] = [];
    for (let i = 0; i < nLines; i++) {
      const [sku, name, price] = PRODUCTS[(r() * PRODUCTS.length) | 0]!;
      if (lines.some((l) => l.sku === sku)) continue;
      lines.push({ sku, name, price, qty: 1 + ((r() * r() * 3) | 0) });
    }
    const total = lines.reduce((s, l) => s + l.price * l.qty, 0);
    const iso = isoOf;
    const out = (type: string, agg: string, payload: string, at: number, who = actor) => this.outbox(type, agg, payload, iso(at), who);

    // Shape of the sale: mostly one paid tender; some first tenders abandoned (cancel) or expired; a few splits; a few voids.
    const k = r();
    const kind = room < 2 ? 'single' : k < 0.9 ? 'single' : k < 0.93 ? 'cancel_then_paid' : k < 0.95 ? 'expire_then_paid' : k < 0.985 ? 'split' : 'void';
    const opened = t0;
    this.ins.order.run(saleId, total, iso(opened), actor);
    lines.forEach((l, i) => this.ins.item.run(saleId, i + 1, l.sku, l.name, l.price, l.qty));
    out('order.placed', saleId, '{"total":0,"lines":0}', opened);
    out('sale.opened', saleId, `{"tillId":"${till}"}`, opened);
    const priced = opened + 4_000 + Math.floor(r() * 40_000);
    out('sale.priced', saleId, `{"subtotal":${total},"discountTotal":0,"total":${total}}`, priced);

    const tenders: { method: string; amount: number; end: 'paid' | 'cancel' | 'expire' }[] = [];
    if (kind === 'single') tenders.push({ method: this.paidMethod(), amount: total, end: 'paid' });
    else if (kind === 'cancel_then_paid' || kind === 'expire_then_paid') {
      tenders.push({ method: 'qris', amount: total, end: kind === 'cancel_then_paid' ? 'cancel' : 'expire' });
      tenders.push({ method: r() < 0.5 ? 'cash' : 'qris', amount: total, end: 'paid' });
    } else if (kind === 'split') {
      const cashPart = Math.max(1_000, Math.round((total * (0.2 + r() * 0.5)) / 1_000) * 1_000);
      if (cashPart >= total) tenders.push({ method: 'qris', amount: total, end: 'paid' });
      else tenders.push({ method: 'cash', amount: cashPart, end: 'paid' }, { method: 'qris', amount: total - cashPart, end: 'paid' });
    } else tenders.push({ method: 'qris', amount: total, end: 'cancel' });

    let at = priced;
    let written = 0;
    for (let seq = 1; seq <= tenders.length; seq++) {
      const tn = tenders[seq - 1]!;
      at += 2_000 + Math.floor(r() * 20_000);
      at = this.writeTender(saleId, seq, tn, at, actor, lines, settledBefore);
      written++;
    }
    const closed = at + 12;
    const voided = kind === 'void';
    let receipt: number | null = null;
    if (!voided) {
      receipt = (this.state.receipts.get(till) ?? 0) + 1;
      this.state.receipts.set(till, receipt);
    }
    const draft = `{"lines":[${lines.map((l, i) => `{"id":"l${i + 1}","sku":"${l.sku}","name":"${l.name}","unitPrice":${l.price},"quantity":${l.qty},"taxClass":"standard","discount":null}`).join(',')}],"saleDiscounts":[],"origin":"till"}`;
    const quote = `{"priceMode":"inclusive","taxKind":"none","lines":[${lines.map((l, i) => `{"id":"l${i + 1}","sku":"${l.sku}","name":"${l.name}","unitPrice":${l.price},"quantity":${l.qty},"taxClass":"standard","gross":${l.price * l.qty},"lineDiscount":0,"saleDiscountShare":0,"net":${l.price * l.qty}}`).join(',')}],"subtotal":${total},"discounts":[],"lineDiscountTotal":0,"saleDiscountTotal":0,"discountTotal":0,"afterDiscounts":${total},"service":null,"serviceAmount":0,"taxes":[],"taxBase":0,"taxTotal":0,"taxIncluded":0,"taxAdded":0,"total":${total}}`;
    // sale-compaction.ts COMPACT_DRAFTS: a paid sale of a closed day whose draft is its quote's lines.
    const stored = this.dayClosed && !voided ? '{"fromQuote":1,"origin":"till"}' : draft;
    // maintenance-pass.ts: a closed sale of a closed day has its quote packed.
    this.ins.sale.run(saleId, till, voided ? 'voided' : 'paid', stored, this.dayClosed ? packText(quote) : quote, total, total, receipt, voided ? 0 : 1, iso(opened), iso(closed),
      voided ? null : iso(closed), voided ? 'pelanggan batal' : null, actor);
    if (voided) out('sale.voided', saleId, '{"reason":"pelanggan batal"}', closed);
    else out('sale.paid', saleId, `{"receiptNo":${receipt}}`, closed, 'till');
    return written;
  }

  /** One tender: its payment, tender row, events, deliveries, re-check plan, outbox; returns when it ended. */
  private writeTender(
    saleId: string, seq: number, tn: { method: string; amount: number; end: 'paid' | 'cancel' | 'expire' }, created: number,
    actor: string, lines: { sku: string; name: string; price: number; qty: number }[], settledBefore: number,
  ): number {
    const r = this.rand;
    const key = tn.end === 'paid' ? tn.method : 'qris_cancel';
    const t = this.t.get(key)!;
    const payId = this.id('PAY-');
    const ymd = isoOf(created + ZONE_OFFSET_MS).slice(0, 10).replaceAll('-', '');
    const oid = `KSR-${ymd}-${this.id('').slice(0, 6)}${this.hex(4).toUpperCase()}`;
    const ref = t.api === 'none' ? null : t.api === 'snap_bi' ? `A1${ymd}${this.hex(6)}${this.id('').slice(11)}ID` : this.uuid();
    const xid = t.external_is_order_id ? oid : this.uuid();
    const va = t.va_number ? `7001${String(Math.floor(r() * 1e11)).padStart(11, '0')}` : '';
    const code = String(Math.floor(r() * 1e12)).padStart(12, '0');
    const iso = isoOf;
    const lt = (ms: number) => `${isoOf(ms + ZONE_OFFSET_MS).slice(0, 19)}+07:00`;
    const ct = (ms: number) => isoOf(ms + ZONE_OFFSET_MS).slice(0, 19).replace('T', ' ');
    const cash = tn.method === 'cash';
    // When it ended: cash at once; a QR paid within a minute; a VA / store code within hours; cancel after a while; expire at expiry.
    const answered = created + (cash ? 2 : 120 + Math.floor(r() * 300));
    const ended = cash ? answered : tn.end === 'expire' ? created + (t.expires_in_ms ?? 900_000) + 5_000 + Math.floor(r() * 10_000)
      : tn.end === 'cancel' ? answered + 30_000 + Math.floor(r() * 120_000)
        : answered + (t.method.startsWith('va_') || t.method === 'mandiri_bill' || t.method === 'indomaret' || t.method === 'alfamart'
          ? 60_000 + Math.floor(r() * 600_000) : 8_000 + Math.floor(r() * 50_000));
    const status = tn.end === 'paid' ? 'settlement' : tn.end;
    // raw-compaction.ts SETTLED_PAYMENTS: final, its day closed, no re-check still planned.
    const recheckDue = tn.end === 'paid' && t.recheck_after_ms !== null && ended + t.recheck_after_ms >= settledBefore;
    const settled = this.dayClosed && ended < settledBefore && !recheckDue;
    const fill = (text: string | null, when: number): string | null =>
      text === null ? null : text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
        switch (name) {
          case 'OID': return oid;
          case 'SALE': return saleId;
          case 'REF': return ref ?? '';
          case 'XID': return xid;
          case 'VA': return va;
          case 'CODE': return code;
          case 'AMT': return String(tn.amount);
          case 'LT': return lt(when);
          case 'CT': return ct(when);
          default: return '';
        }
      });
    const fullItems = cash ? '[]' : `[${lines.map((l) => `{"id":"${l.sku}","price":${l.price},"quantity":${l.qty},"name":"${l.name}"}`).join(',')}]`;
    const received = cash ? Math.ceil(tn.amount / 50_000) * 50_000 : null;
    const expires = t.expires_in_ms === null ? null : iso(Math.floor((created + t.expires_in_ms) / 1000) * 1000);
    const paidAt = tn.end === 'paid' ? iso(ended) : null;
    const lastApplied = t.events.findLast((e) => e.applied === 1)!.source;
    const lastSource = tn.end === 'expire' && lastApplied === 'manual' ? 'poll' : lastApplied;
    this.ins.payment.run(payId, saleId, oid, t.method, t.api, xid, ref, status, tn.amount, 0, settled && t.action?.includes('"kind":"qr"') ? null : fill(t.action, created),
      t.va_number ? `   ${va}` : null, expires, paidAt, lastSource,
      iso(created), iso(ended), actor);
    // sale-compaction.ts COMPACT_ITEMS: a settled tender whose items are exactly the sale's quote lines (it paid the whole total).
    const total = lines.reduce((s, l) => s + l.price * l.qty, 0);
    const items = settled && !cash && tn.amount === total ? '{"fromQuote":1}' : fullItems;
    this.ins.tender.run(payId, saleId, seq, tn.amount, received, cash ? received! - tn.amount : null, items, iso(created), tn.end === 'cancel' ? iso(answered + 30_000) : null);
    const out = (type: string, payload: string, at: number, who = actor, agg = payId) => this.outbox(type, agg, payload, iso(at), who);
    out('payment.created', `{"orderId":"${saleId}","gatewayOrderId":"${oid}","method":"${t.method}","api":"${t.api}","status":"creating","amount":${tn.amount},"gatewayEnv":"sandbox"}`, created);
    out('sale.tendered', `{"paymentId":"${payId}","seq":${seq},"applied":${tn.amount},"rounding":0}`, created, actor, saleId);
    out('order.repriced', `{"total":${lines.reduce((s, l) => s + l.price * l.qty, 0)},"lines":${lines.length}}`, created, actor, saleId);
    // Events: the captured sequence, with expire standing in for cancel (the poll's answer).
    const n = t.events.length;
    t.events.forEach((e, i) => {
      const when = i === 0 ? answered : i === n - 1 ? ended : ended - 15;
      // maintenance-pass.ts: a settled raw is packed.
      const settledRaw = settled ? fill(e.settled, when) : null;
      const raw = settledRaw !== null ? packText(settledRaw) : fill(settled ? e.settled : e.live, when);
      const to = tn.end === 'expire' && e.to_status === 'cancel' ? 'expire' : e.to_status;
      const claimed = tn.end === 'expire' && e.claimed_status === 'cancel' ? 'expire' : e.claimed_status;
      const source = tn.end === 'expire' && e.source === 'manual' ? 'poll' : e.source;
      const id = ++this.state.eventId;
      const who = source === 'charge' || (source === 'manual' && cash) ? actor : 'till';
      this.ins.event.run(id, payId, source, e.from_status === 'cancel' && tn.end === 'expire' ? 'expire' : e.from_status, to, claimed, e.applied, e.note, 0, raw, iso(when), who, e.claim ? this.hex(64) : null);
      if (e.delivery) this.ins.delivery.run(this.hex(64), id, iso(when));
      if (e.applied) out('payment.status_changed', `{"status":"${to}","refundedAmount":0,"source":"${source}"}`, when, who);
      if (tn.end === 'cancel' && i === 0) out('sale.tender_abandoned', `{"paymentId":"${payId}"}`, answered + 30_000, actor, saleId);
    });
    if (tn.end === 'paid' && t.recheck_after_ms !== null) {
      const next = ended + t.recheck_after_ms;
      if (next < settledBefore) this.ins.recheck.run(payId, null, iso(next), 1);
      else this.ins.recheck.run(payId, iso(next), null, 0);
    }
    if (tn.end === 'paid') this.afterPaid(payId, saleId, t.method, tn.amount, ended, actor, settled);
    return ended;
  }

  /** The odd refund of a paid tender: at the gateway for QRIS / e-wallets, from the drawer for cash; or a "no sale" opening. */
  private afterPaid(payId: string, saleId: string, method: string, amount: number, paid: number, actor: string, settled: boolean): void {
    const r = this.rand();
    const iso = isoOf;
    const at = paid + 600_000 + Math.floor(this.rand() * 3_000_000);
    if (method === 'cash' && r < 0.004) {
      const id = ++this.state.movementId;
      const back = Math.min(amount, 1_000 * (1 + Math.floor(this.rand() * 10)));
      this.ins.drawer.run(id, TILLS[0], 'refund', saleId, payId, back, 'kembalian kurang', actor, iso(at));
      this.outbox('drawer.moved', String(id), `{"kind":"refund","saleId":"${saleId}","paymentId":"${payId}","amount":${back}}`, iso(at), actor);
    } else if (method === 'cash' && r < 0.006) {
      const id = ++this.state.movementId;
      this.ins.drawer.run(id, TILLS[0], 'no_sale', null, null, 0, 'tukar uang kecil', actor, iso(at));
      this.outbox('drawer.moved', String(id), '{"kind":"no_sale","amount":0}', iso(at), actor);
    } else if ((method === 'qris' || method === 'gopay' || method === 'shopeepay') && r < 0.004) {
      const full = this.rand() < 0.5;
      const delta = full ? amount : Math.max(1, Math.floor(amount / 2));
      const key = this.uuid();
      const id = ++this.state.refundId;
      this.ins.refund.run(id, payId, key, delta, 'salah pesanan', iso(at), iso(at + 400), actor);
      const to = full ? 'refund' : 'partial_refund';
      const raw = settled ? packText(`{"settled":1,"latestTransactionStatus":"04","refundAmount":{"value":"${delta}.00","currency":"IDR"}}`)
        : `{"responseCode":"2005800","partnerRefundNo":"${key}","refundAmount":{"value":"${delta}.00","currency":"IDR"},"refundTime":"${iso(at + 400)}","responseMessage":"Successful"}`;
      this.ins.event.run(++this.state.eventId, payId, 'manual', 'settlement', to, null, 1, 'refund', delta, raw, iso(at + 400), actor, null);
      this.ins.refunded.run(to, delta, iso(at + 400), payId);
      this.outbox('refund.requested', key, `{"paymentId":"${payId}","amount":${delta}}`, iso(at), actor);
      this.outbox('refund.status_changed', key, '{"status":"succeeded"}', iso(at + 400), actor);
      this.outbox('payment.status_changed', payId, `{"status":"${to}","refundedAmount":${delta},"source":"manual"}`, iso(at + 400), actor);
    }
  }
}
