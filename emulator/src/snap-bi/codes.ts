/**
 * SNAP-BI response codes and status vocabulary (midtrans-snap-bi.md §1.3–§1.4).
 * A responseCode is HTTP status (3) + service code (2) + case code (2), and the
 * HTTP status line always equals its first three digits, so every response in
 * this front end is built through {@link snapResponse}.
 */
import type { EmuResponse, TxStatus } from '../types';

/** SNAP service codes of the endpoints the emulator serves (and the notifications it sends). */
export const SERVICE = {
  token: '73',
  qrisGenerate: '47',
  qrisQuery: '51',
  qrisNotify: '52',
  qrisCancel: '77',
  qrisRefund: '78',
  debitPayment: '54',
  debitStatus: '55',
  debitNotify: '56',
  debitCancel: '57',
  debitRefund: '58',
  vaPayment: '25',
  vaStatus: '26',
  vaCreate: '27',
  vaDelete: '31',
} as const;


/** A SNAP-BI failure carried as data until the handler renders it. */
export interface SnapFailure {
  http: number;
  caseCode: string;
  message: string;
}

/** Builds a failure; `http` and `caseCode` form the code around the endpoint's service code. */
export function fail(http: number, caseCode: string, message: string): SnapFailure {
  return { http, caseCode, message };
}

/** Common failures, named after the case they describe. */
export const FAILURES = {
  invalidFormat: (field: string): SnapFailure => fail(400, '01', `Invalid Field Format ${field}`),
  missingField: (field: string): SnapFailure => fail(400, '02', `Invalid Mandatory Field ${field}`),
  badRequest: (why: string): SnapFailure => fail(400, '00', `Bad Request. ${why}`),
  invalidToken: (): SnapFailure => fail(401, '01', 'Invalid Token (B2B)'),
  badSignature: (): SnapFailure => fail(401, '00', 'Unauthorized. Signature'),
  unknownPartner: (): SnapFailure => fail(401, '00', 'Unauthorized. Unknown X-PARTNER-ID'),
  notFound: (): SnapFailure => fail(404, '01', 'Transaction Not Found'),
  invalidMerchant: (): SnapFailure => fail(404, '08', 'Invalid Merchant'),
  invalidAmount: (): SnapFailure => fail(404, '13', 'Invalid Amount'),
  notAllowed: (why: string): SnapFailure => fail(405, '01', `Transaction Not Permitted. ${why}`),
  externalIdConflict: (): SnapFailure => fail(409, '00', 'Cannot use same X-EXTERNAL-ID'),
  duplicate: (what: string): SnapFailure => fail(409, '01', `Duplicate Transaction. ${what}`),
  internal: (): SnapFailure => fail(500, '00', 'General Error'),
} as const;

/**
 * Renders a SNAP response: status from the code, `X-TIMESTAMP` echoed (the
 * Node client and the docs show responses carrying it).
 */
export function snapResponse(
  http: number,
  service: string,
  caseCode: string,
  message: string,
  timestamp: string,
  fields: Record<string, unknown> = {},
): EmuResponse {
  return {
    status: http,
    headers: { 'X-TIMESTAMP': timestamp },
    body: { responseCode: `${http}${service}${caseCode}`, responseMessage: message, ...fields },
  };
}

/** Renders a failure for the given endpoint. */
export function failureResponse(f: SnapFailure, service: string, timestamp: string): EmuResponse {
  return snapResponse(f.http, service, f.caseCode, f.message, timestamp);
}

/** Type guard distinguishing a failure from a parsed value. */
export function isFailure(v: unknown): v is SnapFailure {
  return typeof v === 'object' && v !== null && 'caseCode' in v && 'http' in v && 'message' in v;
}

/** SNAP `latestTransactionStatus` / `paymentFlagStatus` codes. */
export const STATUS_CODE: Record<TxStatus, string> = {
  settlement: '00',
  capture: '00',
  pending: '03',
  refund: '04',
  partial_refund: '04',
  cancel: '05',
  failure: '06',
  expire: '08',
  deny: '09',
};

/** Human description sent next to the code (wording as in the Node README sample). */
export const STATUS_DESC: Record<TxStatus, string> = {
  settlement: 'SUCCESS',
  capture: 'SUCCESS',
  pending: 'PENDING',
  refund: 'REFUNDED',
  partial_refund: 'PARTIALLY REFUNDED',
  cancel: 'CANCELED',
  failure: 'FAILED',
  expire: 'EXPIRED',
  deny: 'DENIED',
};

/** Bilingual reason the VA status response carries next to paymentFlagStatus. */
export const VA_FLAG_REASON: Record<string, { english: string; indonesia: string }> = {
  '00': { english: 'SUCCESS', indonesia: 'BERHASIL' },
  '03': { english: 'PENDING', indonesia: 'MENUNGGU' },
  '04': { english: 'REFUNDED', indonesia: 'DIKEMBALIKAN' },
  '05': { english: 'CANCELED', indonesia: 'DIBATALKAN' },
  '06': { english: 'FAILED', indonesia: 'GAGAL' },
  '08': { english: 'EXPIRED', indonesia: 'KEDALUWARSA' },
  '09': { english: 'DENIED', indonesia: 'DITOLAK' },
};

/** True for statuses in which the money arrived (refunds included). */
export function isPaid(status: TxStatus): boolean {
  return status === 'settlement' || status === 'capture' || status === 'partial_refund' || status === 'refund';
}
