/**
 * The SNAP-BI front end of the emulator: B2B token, QRIS MPM, direct debit and
 * VA endpoints, plus the `source: 'snap'` notification formatter. The core
 * mounts the routes returned by {@link createSnapBiRoutes} on its HTTPS server.
 * Behaviour choices on points the reference marks "unconfirmed" are listed in
 * emulator/SNAP-BI.md.
 */
import type { EmuContext, Route, RouteHandler, Transaction } from '../types';
import { SERVICE } from './codes';
import { createDebitHandlers } from './debit';
import { createGuard, type BodyHashMode } from './guard';
import { DEFAULT_NOTIFICATION_PATHS, createSnapNotificationFormatter, type NotificationPaths } from './notifications';
import { createQrisHandlers, renderQrPng } from './qris';
import { TOKEN_TTL_SECONDS, createTokenService } from './tokens';
import { createVaHandlers } from './va';

export { DEFAULT_NOTIFICATION_PATHS, type NotificationPaths } from './notifications';
export type { BodyHashMode } from './guard';

/** Options; every field has a default matching what the official clients expect. */
export interface SnapBiOptions {
  /**
   * `raw` (default): the HMAC body hash is over the exact bytes received.
   * `raw-or-minified`: also accept a hash over the body with whitespace outside
   * strings removed (what Midtrans' Java client calls the server's minify).
   */
  bodyHash?: BodyHashMode;
  /** Per-kind notification paths appended to each notification base URL. */
  notificationPaths?: Partial<NotificationPaths>;
  /** Base URL of the simulator page that debit redirect URLs point at (default `${baseUrl}/simulator`). */
  simulatorUrl?: string;
  /** Access-token lifetime in seconds (default 900, as Midtrans). */
  tokenTtlSeconds?: number;
  /** Merchant name printed in the QRIS payload (tag 59). */
  merchantName?: string;
}

/** Path of the QR image the `qrUrl` of a QRIS charge points at. */
export const QR_IMAGE_PATH = '/snap-bi/qr/:referenceNo';

/**
 * Builds the SNAP-BI routes for a context and registers the `snap`
 * notification formatter on its store.
 */
export function createSnapBiRoutes(ctx: EmuContext, options: SnapBiOptions = {}): Route[] {
  const simulatorUrl = (options.simulatorUrl ?? `${ctx.baseUrl}/simulator`).replace(/\/+$/, '');
  const paths: NotificationPaths = { ...DEFAULT_NOTIFICATION_PATHS, ...options.notificationPaths };
  ctx.store.setFormatter('snap', createSnapNotificationFormatter(ctx, paths));

  const tokens = createTokenService(ctx, options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS);
  const guard = createGuard({ ctx, tokens, bodyHash: options.bodyHash ?? 'raw' });
  const qris = createQrisHandlers(ctx, {
    qrUrl: (ref) => `${ctx.baseUrl}${QR_IMAGE_PATH.replace(':referenceNo', encodeURIComponent(ref))}`,
    merchantName: options.merchantName ?? 'KASIR EMULATOR',
  });
  const debit = createDebitHandlers(ctx, {
    // The simulator's checkout page (shared with Core API deeplinks) plays the wallet.
    redirectUrl: (tx: Transaction, back: string | undefined) =>
      `${simulatorUrl}/checkout/${encodeURIComponent(tx.transactionId)}${back ? `?callback_url=${encodeURIComponent(back)}` : ''}`,
  });
  const va = createVaHandlers(ctx);

  const post = (pattern: string, handler: RouteHandler): Route => ({ method: 'POST', pattern, handler });
  return [
    post('/v1.0/access-token/b2b', (req) => tokens.handle(req)),
    post('/v1.0/qr/qr-mpm-generate', guard(SERVICE.qrisGenerate, qris.generate)),
    post('/v1.0/qr/qr-mpm-query', guard(SERVICE.qrisQuery, qris.query)),
    post('/v1.0/qr/qr-mpm-cancel', guard(SERVICE.qrisCancel, qris.cancel)),
    post('/v1.0/qr/qr-mpm-refund', guard(SERVICE.qrisRefund, qris.refund)),
    post('/v1.0/debit/payment-host-to-host', guard(SERVICE.debitPayment, debit.payment)),
    post('/v1.0/debit/status', guard(SERVICE.debitStatus, debit.status)),
    post('/v1.0/debit/cancel', guard(SERVICE.debitCancel, debit.cancel)),
    post('/v1.0/debit/refund', guard(SERVICE.debitRefund, debit.refund)),
    post('/v1.0/transfer-va/create-va', guard(SERVICE.vaCreate, va.create)),
    post('/v1.0/transfer-va/status', guard(SERVICE.vaStatus, va.status)),
    post('/v1.0/transfer-va/delete-va', guard(SERVICE.vaDelete, va.remove)),
    {
      method: 'GET',
      pattern: QR_IMAGE_PATH,
      // The qrUrl is a public image link (as Midtrans'), so no signature is asked for.
      handler: async (req) => {
        const tx = ctx.store.find(req.params.referenceNo ?? '');
        if (!tx || tx.source !== 'snap' || !tx.qrString || tx.transactionId !== req.params.referenceNo) {
          return { status: 404, body: { responseCode: '4044701', responseMessage: 'Transaction Not Found' } };
        }
        const png = await renderQrPng(tx.qrString);
        return { status: 200, body: null, rawBytes: png, headers: { 'Content-Type': 'image/png' } };
      },
    },
  ];
}
