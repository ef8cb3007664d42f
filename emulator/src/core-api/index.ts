/**
 * The Core API v2 front end: routes under `/v2` (and the `/v4` QR image) plus
 * the 'core' notification formatter.
 */
import { loadQrCode } from '../util/qr-code';
import type { EmuContext, EmuRequest, EmuResponse, Route, RouteHandler } from '../types';
import { FINAL_STATUSES } from '../store/tx-store';
import { createActionHandlers, type ActionOptions } from './actions';
import { createServerKeyCheck } from './auth';
import { createChargeHandler } from './charge';
import { withIdempotency, type IdempotencyOptions } from './idempotency';
import type { MethodOptions } from './methods';
import { createCoreFormatter, type RenderOptions } from './render';
import { notFound } from './responses';
import { numberKey } from '../store/tx-keys';

/** Every Core API knob, with the defaults `startEmulator` uses. */
export type CoreApiOptions = MethodOptions & RenderOptions & IdempotencyOptions & ActionOptions;

/** Defaults; see emulator/README.md for why each was chosen. */
export const DEFAULT_CORE_API_OPTIONS: CoreApiOptions = {
  cstoreExpiryMinutes: 24 * 60,
  gopayQrString: true,
  cancelStatusCode: '200',
  ttlSeconds: 300,
  maxKeyLength: 46,
  refundKeyRetry: 'reject',
};

/**
 * Builds the Core API routes and registers the 'core' formatter on `ctx.store`.
 * @param options overrides of DEFAULT_CORE_API_OPTIONS.
 */
export function createCoreApiRoutes(ctx: EmuContext, options: Partial<CoreApiOptions> = {}): Route[] {
  const opts: CoreApiOptions = { ...DEFAULT_CORE_API_OPTIONS, ...options };
  ctx.store.setFormatter('core', createCoreFormatter(ctx, opts));

  // Payment numbers stay reserved while their transaction can still be paid.
  const numberInUse = (n: string): boolean =>
    ctx.store.findBy(
      (tx) => !FINAL_STATUSES.has(tx.status) && (tx.vaNumber === n || tx.billKey === n || tx.paymentCode === n),
      [numberKey(n)],
    ) !== undefined;

  const checkKey = createServerKeyCheck(ctx.credentials.serverKey);
  const authed = (h: RouteHandler): RouteHandler => (req) => checkKey(req) ?? h(req);
  const post = (pattern: string, h: RouteHandler): Route => ({
    method: 'POST',
    pattern,
    handler: authed(withIdempotency(ctx, opts, h)),
  });
  const a = createActionHandlers(ctx, opts);

  // QR images are hot-linked by POS screens, so (like the docs imply) no auth.
  const qrImage = async (req: EmuRequest): Promise<EmuResponse> => {
    const tx = ctx.store.find(req.params.id ?? '');
    if (!tx?.qrString) return notFound();
    const margin = req.path.startsWith('/v4/') ? 4 : 1;
    const png = await (await loadQrCode()).toBuffer(tx.qrString, { type: 'png', margin, width: 320 });
    return { status: 200, body: null, rawBytes: png, headers: { 'Content-Type': 'image/png' } };
  };

  return [
    post('/v2/charge', createChargeHandler(ctx, opts, numberInUse)),
    { method: 'GET', pattern: '/v2/:id/status', handler: authed(a.status as RouteHandler) },
    post('/v2/:id/cancel', a.cancel as RouteHandler),
    post('/v2/:id/expire', a.expire as RouteHandler),
    post('/v2/:id/refund', a.refund as RouteHandler),
    post('/v2/:id/refund/online/direct', a.refund as RouteHandler),
    post('/v2/:id/approve', a.approve as RouteHandler),
    post('/v2/:id/deny', a.deny as RouteHandler),
    post('/v2/capture', a.capture as RouteHandler),
    { method: 'GET', pattern: '/v2/qris/:id/qr-code', handler: qrImage },
    { method: 'GET', pattern: '/v2/gopay/:id/qr-code', handler: qrImage },
    { method: 'GET', pattern: '/v4/qris/:acquirer/:id/qr-code', handler: qrImage },
  ];
}
