/**
 * Notification verification: parse the body with zod and check Midtrans'
 * signature — Core API `signature_key` (SHA-512, compared in constant time) or
 * the SNAP-BI SHA256withRSA `X-SIGNATURE` (tried over the raw bytes first, then
 * over the whitespace-stripped body, then over the Node client's re-serialized
 * form, for the signed path's SNAP part and, when mounted under a prefix, the
 * full path). What a verified notification carries on is its meaning (its
 * known fields, bounded: notification-meaning.ts), never the body received,
 * and for SNAP-BI its delivery key and X-TIMESTAMP freshness (freshness.ts).
 * Nothing here throws on hostile input.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { coreNotificationSignature, constantTimeEqual, stripJsonWhitespace, verifySnapBiNotification } from '../gateway/signatures';
import { snapStatus } from '../gateway/mapping';
import { deliveryKey, isFresh, type FreshnessWindow } from './freshness';
import { coreNotificationMeaning, snapTxNotificationMeaning, snapVaNotificationMeaning } from './notification-meaning';
import { coreNotification, snapTxNotification, snapVaNotification } from './schemas';
import type { VerifiedNotification } from './types';

/** SNAP-BI notification products. */
export type SnapNotifyKind = 'qris' | 'debit' | 'va';

export type VerifyOutcome =
  | { ok: true; notification: VerifiedNotification }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'not_configured' };

export interface NotificationVerifierOptions {
  /** Core API server key of the selected environment (null: Core notifications are refused). */
  coreServerKey: string | null;
  /** Midtrans' SNAP-BI notification public key (null: SNAP-BI notifications are refused). */
  snapNotificationPublicKeyPem: string | null;
  /**
   * The SNAP-BI X-TIMESTAMP window (freshness.ts). Absent: every delivery
   * counts as fresh (tests that sign with fixed timestamps).
   */
  freshness?: FreshnessWindow;
}

/** A SNAP-BI notification as the listener received it. */
export interface SnapNotificationInput {
  kind: SnapNotifyKind;
  /** The SNAP part of the path, e.g. `/v1.0/qr/qr-mpm-notify`. */
  snapPath: string;
  /** The full request path, when the listener is mounted under a prefix. */
  fullPath?: string;
  raw: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  /** The X-EXTERNAL-ID header: with the body, it names the delivery. */
  externalId?: string | undefined;
}

/** Verifies and parses notifications for one environment's keys. */
export class NotificationVerifier {
  private readonly serverKey: string | null;
  private readonly publicKey: KeyObject | null;
  private readonly freshness: FreshnessWindow | null;

  constructor(opts: NotificationVerifierOptions) {
    this.serverKey = opts.coreServerKey && opts.coreServerKey.length > 0 ? opts.coreServerKey : null;
    this.publicKey = opts.snapNotificationPublicKeyPem ? createPublicKey(opts.snapNotificationPublicKeyPem) : null;
    this.freshness = opts.freshness ?? null;
  }

  /** Core API v2 notification body → verified notification. */
  verifyCore(raw: Buffer): VerifyOutcome {
    const json = parseJson(raw);
    const parsed = coreNotification.safeParse(json);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    if (!this.serverKey) return { ok: false, reason: 'not_configured' };
    const n = parsed.data;
    const expected = coreNotificationSignature(n, this.serverKey);
    if (!constantTimeEqual(expected, n.signature_key.trim().toLowerCase())) return { ok: false, reason: 'bad_signature' };
    const { meaning, identity } = coreNotificationMeaning(json);
    return {
      ok: true,
      notification: {
        api: 'core_api',
        orderId: n.order_id,
        referenceNo: n.transaction_id ?? null,
        claimedStatus: n.transaction_status.toLowerCase(),
        raw: meaning,
        identity,
      },
    };
  }

  /** SNAP-BI notification → verified notification (signature checked before the body is trusted). */
  verifySnapBi(input: SnapNotificationInput): VerifyOutcome {
    if (!this.publicKey) return { ok: false, reason: 'not_configured' };
    const { timestamp, signature } = input;
    if (!timestamp || !signature || timestamp.length > 64 || signature.length > 2048) return { ok: false, reason: 'bad_signature' };
    if (!this.signatureMatches(input, timestamp, signature)) return { ok: false, reason: 'bad_signature' };
    const json = parseJson(input.raw);
    const delivery = {
      key: deliveryKey(input.externalId, json),
      fresh: this.freshness === null || isFresh(timestamp, this.freshness),
    };
    if (input.kind === 'va') {
      const p = snapVaNotification.safeParse(json);
      if (!p.success) return { ok: false, reason: 'malformed' };
      const flag = p.data.additionalInfo?.paymentFlagStatus ?? p.data.paymentFlagStatus ?? '00';
      const { meaning, identity } = snapVaNotificationMeaning(json);
      return {
        ok: true,
        notification: {
          api: 'snap_bi',
          orderId: p.data.trxId,
          referenceNo: p.data.referenceNo ?? p.data.paymentRequestId ?? null,
          claimedStatus: claimed(flag),
          raw: meaning,
          identity,
          delivery,
        },
      };
    }
    const p = snapTxNotification.safeParse(json);
    if (!p.success) return { ok: false, reason: 'malformed' };
    const { meaning, identity } = snapTxNotificationMeaning(json);
    return {
      ok: true,
      notification: {
        api: 'snap_bi',
        orderId: p.data.originalPartnerReferenceNo,
        referenceNo: p.data.originalReferenceNo ?? null,
        claimedStatus: claimed(p.data.latestTransactionStatus),
        raw: meaning,
        identity,
        delivery,
      },
    };
  }

  private signatureMatches(input: SnapNotificationInput, timestamp: string, signature: string): boolean {
    const key = this.publicKey;
    if (!key) return false;
    const paths = input.fullPath && input.fullPath !== input.snapPath ? [input.snapPath, input.fullPath] : [input.snapPath];
    const text = input.raw.toString('utf8');
    const bodies: (() => string | Buffer | null)[] = [
      () => input.raw,
      () => stripJsonWhitespace(text),
      () => {
        const v = parseJson(input.raw);
        return v === undefined ? null : JSON.stringify(v);
      },
    ];
    const tried = new Set<string>();
    for (const make of bodies) {
      const body = make();
      if (body === null) continue;
      const k = Buffer.isBuffer(body) ? body.toString('latin1') : body;
      if (tried.has(k)) continue;
      tried.add(k);
      for (const path of paths) {
        if (verifySnapBiNotification({ path, body, timestamp, signature }, key)) return true;
      }
    }
    return false;
  }
}

/** SNAP status code → Core vocabulary ("settlement", "expire"...), or `snap:<code>` when unknown. */
function claimed(code: string): string {
  const s = snapStatus(code);
  return s === null ? `snap:${code.slice(0, 10)}` : s;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
