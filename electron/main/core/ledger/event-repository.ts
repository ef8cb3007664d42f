/**
 * The audit trail: one row per status change and per ignored (duplicate, late,
 * illegal) update or received notification claim, with its source and raw
 * payload. A notification claim received again only counts on its row
 * (`received`, `last_received_at`), so replays cannot grow the trail.
 */
import type { Database } from './open-ledger';
import { unpackText } from './packed-text';
import type { PaymentEventRow } from './rows';
import type { PaymentStatus, UpdateSource } from '../../../../shared/domain/payment';
import { LEDGER_VOCABULARY, TILL_ACTOR_ID, VocabularyGuard, type LedgerVocabulary } from './vocabulary';

/** Why an event row exists; `applied` is the only note that changed the payment. */
export type EventNote =
  | 'applied'
  | 'duplicate'
  | 'late'
  | 'illegal'
  | 'notification'
  | 'not_found'
  | 'amount_mismatch'
  | 'charge_error';

export interface NewPaymentEvent {
  paymentId: string;
  source: UpdateSource;
  from: PaymentStatus;
  to: PaymentStatus | null;
  claimedStatus?: string | null;
  applied: boolean;
  note: EventNote;
  /** Rupiah added to the refunded total by this (applied) event. */
  refundedDelta?: number;
  /** JSON text (already redacted) or null. */
  raw: string | null;
  at: string;
  /** Who caused it (a staff id); 'till' when not given. */
  actor?: string;
  /** A notification's claim key (SHA-256 hex): at most one row per payment and key. */
  claimKey?: string | null;
}

/** Where a payment stands for a new notification claim (EventRepository.claimState). */
export interface ClaimState {
  /** The payment's status now (checked on write when a claim row is inserted). */
  status: PaymentStatus;
  /** The event already recording this claim, or null. */
  claimId: number | null;
  /** How many distinct notification claims the payment has. */
  claims: number;
}

/** Prepared-statement repository for `payment_events`. */
export class EventRepository {
  private readonly ins;
  private readonly sel;
  private readonly bump;
  private readonly state;
  private readonly guard: VocabularyGuard;

  constructor(db: Database, vocabulary: LedgerVocabulary = LEDGER_VOCABULARY) {
    this.guard = new VocabularyGuard(vocabulary);
    this.ins = db.prepare(
      `INSERT INTO payment_events (payment_id, source, from_status, to_status, claimed_status, applied, note,
         refunded_delta, raw, created_at, actor, claim_key)
       VALUES (@paymentId, @source, @from, @to, @claimedStatus, @applied, @note, @refundedDelta, @raw, @at, @actor, @claimKey)`,
    );
    this.sel = db.prepare<[string], PaymentEventRow>('SELECT * FROM payment_events WHERE payment_id = ? ORDER BY id');
    // One statement for what the notification sink needs to know per claim (it used to be three:
    // the payment row, the claim's event, the claim count), each a step through SQLite and back.
    this.state = db.prepare<[string, string], ClaimState>(
      `SELECT p.status AS status,
         (SELECT e.id FROM payment_events e WHERE e.payment_id = p.id AND e.claim_key = ?) AS claimId,
         (SELECT count(*) FROM payment_events e WHERE e.payment_id = p.id AND e.claim_key IS NOT NULL) AS claims
       FROM payments p WHERE p.id = ?`,
    );
    this.bump = db.prepare<[string, number]>('UPDATE payment_events SET received = received + 1, last_received_at = ? WHERE id = ?');
  }

  /** Appends one event; returns its id. */
  insert(e: NewPaymentEvent): number {
    this.guard.event({ source: e.source, from_status: e.from, to_status: e.to }, 'write');
    const r = this.ins.run({
      paymentId: e.paymentId,
      source: e.source,
      from: e.from,
      to: e.to,
      claimedStatus: e.claimedStatus ?? null,
      applied: e.applied ? 1 : 0,
      note: e.note,
      refundedDelta: e.refundedDelta ?? 0,
      raw: e.raw,
      at: e.at,
      actor: e.actor ?? TILL_ACTOR_ID,
      claimKey: e.claimKey ?? null,
    });
    return Number(r.lastInsertRowid);
  }

  /**
   * A payment's status, the event recording its claim `claimKey` (or null) and
   * its count of distinct claims, in one read; undefined if there is no such payment.
   */
  claimState(paymentId: string, claimKey: string): ClaimState | undefined {
    return this.state.get(claimKey, paymentId);
  }

  /** The claim recorded as event `id` was received once more (the only change an event row takes). */
  receivedAgain(id: number, at: string): void {
    this.bump.run(at, id);
  }

  /** Every event of one payment, oldest first. */
  forPayment(paymentId: string): PaymentEventRow[] {
    // A settled raw is packed once its payment cannot change (packed-text.ts).
    return this.sel.all(paymentId).map((r) => this.guard.event({ ...r, raw: unpackText(r.raw) }, 'read'));
  }
}
