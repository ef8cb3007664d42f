/**
 * Sends notifications: renders them through the source's formatter, applies
 * notification faults, delivers first attempts in order per (URL, order) and
 * schedules retries on the emulator clock, keeping a delivery log.
 */
import type { EmuClock, NotificationFormatter, OutgoingNotification, Transaction } from '../types';
import type { FaultRegistry } from '../faults/faults';
import type { SnapBiRetrySigning } from '../settings';
import { DeliveryAgents, postNotification, retriesAllowed, RETRY_SCHEDULE_MINUTES } from './deliver';
import { padBody, type ReplayRequest } from './replay';

/** One reply (or failure) of one delivery attempt. */
export interface DeliveryAttempt {
  /** Emulator time of the attempt (ms). */
  at: number;
  httpStatus: number | null;
  error?: string;
  replyExcerpt: string;
  durationMs: number;
  redirects: number;
  /** The headers this attempt carried (differ from the first attempt's only for re-signed retries). */
  headers: Record<string, string>;
}

/** One notification to one URL, with every attempt made for it. */
export interface DeliveryRecord {
  id: number;
  orderId: string;
  transactionId: string;
  source: Transaction['source'];
  /** The transaction_status this notification reports. */
  status: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  state: 'queued' | 'sending' | 'delivered' | 'retry-scheduled' | 'failed' | 'dropped' | 'held' | 'delayed';
  attempts: DeliveryAttempt[];
  nextAttemptAt: number | null;
  /** Set when a fault rule (or a replay) produced or changed this record. */
  fault?: 'drop' | 'duplicate' | 'delay' | 'reorder' | 'late' | 'replay';
  /** For a replay: the id of the record it copies. */
  replayOf?: number;
  createdAt: number;
}

/** Options of the dispatcher. */
export interface DispatcherOptions {
  clock: EmuClock;
  faults: FaultRegistry;
  caCertPem: string;
  /** Per-attempt deadline; Midtrans uses 15 s. */
  timeoutMs?: number;
  /** Log size; older records are forgotten. */
  maxRecords?: number;
  /** Read at each retry: re-sign SNAP-BI retries or send them verbatim (default verbatim). */
  retrySigning?: () => SnapBiRetrySigning;
  /**
   * The pending state batch, if any (state-db.ts): a first attempt waits for it,
   * so no notification announces a state the emulator has not stored.
   */
  durable?: () => Promise<void> | undefined;
}

/** See module doc. */
export class NotificationDispatcher {
  private readonly records: DeliveryRecord[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly held = new Map<string, { record: DeliveryRecord; cancel: () => void }>();
  /** Per record, how to sign another body / a retry (SNAP-BI only); kept off the JSON log. */
  private readonly resigners = new WeakMap<DeliveryRecord, (body: string) => Record<string, string>>();
  private readonly agents: DeliveryAgents;
  private readonly timeoutMs: number;
  private readonly maxRecords: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: DispatcherOptions) {
    this.agents = new DeliveryAgents(opts.caCertPem);
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.maxRecords = opts.maxRecords ?? 5000;
  }

  /** Renders and sends the notifications for `tx`'s current state (the store's sink). */
  dispatch(tx: Transaction, formatter: NotificationFormatter): void {
    if (this.closed) return;
    for (const note of this.render(formatter, tx)) this.enqueue(note, tx);
    // 'late': after a final state, also send a stale "pending" for the same charge.
    if (tx.status !== 'pending' && this.opts.faults.takeNotification('late', tx.orderId)) {
      const stale: Transaction = { ...tx, status: 'pending', settledAt: null, refunds: [] };
      for (const note of this.render(formatter, stale, true)) this.start(this.record(note, tx, 'late'));
    }
  }

  /** The delivery log, oldest first, optionally for one order id. */
  log(orderId?: string): DeliveryRecord[] {
    return orderId === undefined ? this.records.slice() : this.records.filter((r) => r.orderId === orderId);
  }

  /**
   * Sends a logged notification again `times` times, each once (no retries), in
   * order on its (URL, order) chain: the "captured notification replayed"
   * attack. `pad` adds a junk field to the JSON body (a Core API signature_key
   * does not cover it; a SNAP-BI signature breaks unless `resign`). Returns the
   * new records, or why not (404: nothing to replay; 400: cannot do as asked).
   */
  replay(req: ReplayRequest): DeliveryRecord[] | { status: 400 | 404; error: string } {
    const source =
      req.id !== undefined
        ? this.records.find((r) => r.id === req.id)
        : this.records.findLast(
            (r) =>
              r.orderId === req.orderId &&
              (req.status === undefined || r.status === req.status) &&
              r.fault !== 'replay',
          );
    if (!source) return { status: 404, error: 'no such notification in the delivery log' };
    const resigner = this.resigners.get(source);
    if (req.resign && !resigner) return { status: 400, error: 'only SNAP-BI notifications can be re-signed' };
    let body = source.body;
    if (req.pad) {
      const padded = padBody(body, req.pad.field ?? '_pad', req.pad.bytes);
      if (padded === undefined) return { status: 400, error: 'the notification body is not a JSON object' };
      body = padded;
    }
    const headers = req.resign && resigner ? resigner(body) : source.headers;
    const out: DeliveryRecord[] = [];
    for (let i = 0; i < req.times; i++) {
      const record = this.newRecord({ ...source, url: req.url ?? source.url, body, headers }, 'replay');
      record.replayOf = source.id;
      out.push(record);
      this.start(record);
    }
    return out;
  }

  /** Resolves when every first attempt queued so far has completed (bench, tests). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  close(): void {
    this.closed = true;
    for (const h of this.held.values()) h.cancel();
    this.held.clear();
    this.agents.destroy();
  }

  private render(formatter: NotificationFormatter, tx: Transaction, force = false): OutgoingNotification[] {
    try {
      return formatter(tx, { force });
    } catch (err) {
      process.stderr.write(`[emulator] notification formatter failed for ${tx.orderId}: ${String(err)}\n`);
      return [];
    }
  }

  private enqueue(note: OutgoingNotification, tx: Transaction): void {
    const faults = this.opts.faults;
    const key = chainKey(note.url, note.orderId);
    if (faults.takeNotification('drop', note.orderId)) {
      this.record(note, tx, 'drop').state = 'dropped';
      return;
    }
    const delay = faults.takeNotification('delay', note.orderId);
    if (delay) {
      const record = this.record(note, tx, 'delay');
      record.state = 'delayed';
      record.nextAttemptAt = this.opts.clock.now() + (delay.seconds ?? 30) * 1000;
      this.opts.clock.at(record.nextAttemptAt, () => this.start(record));
      return;
    }
    const reorder = faults.takeNotification('reorder', note.orderId);
    if (reorder && !this.held.has(key)) {
      // Held until the next notification for this order and URL has been sent.
      const record = this.record(note, tx, 'reorder');
      record.state = 'held';
      record.nextAttemptAt = this.opts.clock.now() + (reorder.seconds ?? 60) * 1000;
      const cancel = this.opts.clock.at(record.nextAttemptAt, () => this.releaseHeld(key));
      this.held.set(key, { record, cancel });
      return;
    }
    this.start(this.record(note, tx));
    if (faults.takeNotification('duplicate', note.orderId)) this.start(this.record(note, tx, 'duplicate'));
    this.releaseHeld(key);
  }

  private releaseHeld(key: string): void {
    const h = this.held.get(key);
    if (!h) return;
    this.held.delete(key);
    h.cancel();
    this.start(h.record);
  }

  private record(note: OutgoingNotification, tx: Transaction, fault?: DeliveryRecord['fault']): DeliveryRecord {
    const record = this.newRecord(
      {
        orderId: note.orderId,
        transactionId: tx.transactionId,
        source: tx.source,
        status: note.status,
        url: note.url,
        body: note.body,
        headers: note.headers,
      },
      fault,
    );
    if (note.resign) this.resigners.set(record, note.resign);
    return record;
  }

  private newRecord(
    f: Pick<DeliveryRecord, 'orderId' | 'transactionId' | 'source' | 'status' | 'url' | 'body' | 'headers'>,
    fault?: DeliveryRecord['fault'],
  ): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.nextId++,
      orderId: f.orderId,
      transactionId: f.transactionId,
      source: f.source,
      status: f.status,
      url: f.url,
      body: f.body,
      headers: f.headers,
      state: 'queued',
      attempts: [],
      nextAttemptAt: null,
      fault,
      createdAt: this.opts.clock.now(),
    };
    this.records.push(record);
    if (this.records.length > this.maxRecords) this.records.splice(0, this.records.length - this.maxRecords);
    return record;
  }

  /** First attempt, serialized per (URL, order) so a receiver sees states in order. */
  private start(record: DeliveryRecord): void {
    const key = chainKey(record.url, record.orderId);
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev
      .then(() => this.opts.durable?.())
      .then(
        () => this.attempt(record),
        () => {
          // The change it announces was not stored: say nothing rather than something untrue.
          record.state = 'failed';
        },
      );
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async attempt(record: DeliveryRecord): Promise<void> {
    if (this.closed) return;
    record.state = 'sending';
    record.nextAttemptAt = null;
    // A retry is re-signed on the emulator clock when so configured; otherwise byte-identical.
    const resigner = this.resigners.get(record);
    if (record.attempts.length > 0 && resigner && this.opts.retrySigning?.() === 'resign') {
      record.headers = resigner(record.body);
    }
    const headers = record.headers;
    const at = this.opts.clock.now();
    const started = performance.now();
    const r = await postNotification(this.agents, record.url, record.body, headers, this.timeoutMs);
    record.attempts.push({
      at,
      httpStatus: r.httpStatus,
      error: r.error,
      replyExcerpt: r.replyExcerpt,
      durationMs: Math.round(performance.now() - started),
      redirects: r.redirects,
      headers,
    });
    if (r.httpStatus !== null && r.httpStatus >= 200 && r.httpStatus < 300) {
      record.state = 'delivered';
      return;
    }
    const retriesMade = record.attempts.length - 1;
    // A replay is one shot, as an attacker's would be.
    if (this.closed || record.fault === 'replay' || retriesMade >= retriesAllowed(r.httpStatus)) {
      record.state = 'failed';
      return;
    }
    record.state = 'retry-scheduled';
    record.nextAttemptAt = this.opts.clock.now() + (RETRY_SCHEDULE_MINUTES[retriesMade] ?? 210) * 60_000;
    this.opts.clock.at(record.nextAttemptAt, () => void this.attempt(record));
  }
}

const chainKey = (url: string, orderId: string): string => `${url}\u0000${orderId}`;
