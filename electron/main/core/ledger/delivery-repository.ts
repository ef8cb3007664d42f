/**
 * `notification_deliveries`: which SNAP-BI deliveries (X-EXTERNAL-ID + body
 * hash, as one SHA-256 key) were recorded, and as which claim event, so a
 * retry of one is answered without being processed again whatever its age
 * (webhook/freshness.ts). Only verified deliveries are kept, and at most a
 * few per claim, so the table cannot be grown by replays.
 */
import type { Database } from './open-ledger';

/** Prepared-statement repository for `notification_deliveries`. */
export class DeliveryRepository {
  private readonly sel;
  private readonly ins;
  private readonly per;

  constructor(db: Database) {
    this.sel = db.prepare<[string], number>('SELECT event_id FROM notification_deliveries WHERE delivery_key = ?').pluck();
    this.ins = db.prepare<[string, number, string]>(
      'INSERT OR IGNORE INTO notification_deliveries (delivery_key, event_id, received_at) VALUES (?, ?, ?)',
    );
    this.per = db.prepare<[number], number>('SELECT count(*) FROM notification_deliveries WHERE event_id = ?').pluck();
  }

  /** The claim event a delivery was recorded as, or null when it was never recorded. */
  eventOf(deliveryKey: string): number | null {
    return this.sel.get(deliveryKey) ?? null;
  }

  /** How many deliveries are recorded for one claim event. */
  countFor(eventId: number): number {
    return this.per.get(eventId) ?? 0;
  }

  /** Records a delivery as belonging to a claim event (a key already recorded is left as it is). */
  insert(deliveryKey: string, eventId: number, at: string): void {
    this.ins.run(deliveryKey, eventId, at);
  }
}
