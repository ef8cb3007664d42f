/**
 * SNAP-BI helpers for emulator integration tests: signed calls over node:https
 * trusting the emulator CA (signatures computed here with node:crypto, not with
 * the emulator's helpers), SNAP charge shortcuts, and a notification signature
 * check done independently of the emulator.
 */
import { createHash, createHmac, randomUUID, sign, verify } from 'node:crypto';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { RunningEmulator } from '../../emulator/src/index';

export type Json = Record<string, unknown>;

/** One HTTPS answer. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Json;
}

/** Emulator-time `+07:00` timestamp, as a till in step with the emulator would send. */
export const wibAt = (ms: number): string => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00';

/** A SNAP-BI caller bound to one emulator. */
export function snapCaller(emu: RunningEmulator) {
  const agent = new https.Agent({ ca: emu.caCertPem, keepAlive: true });
  const c = emu.credentials.snapBi;

  const post = (path: string, headers: Record<string, string>, raw: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = https.request(`${emu.urls.snapBiUrl}${path}`, { method: 'POST', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (ch: Buffer) => chunks.push(ch));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as Json) : {} });
        });
      });
      req.on('error', reject);
      req.end(raw);
    });

  // Reused while well inside its 900 s of emulator time (tests advance the clock by hours).
  let token: { value: string; at: number } | undefined;
  async function accessToken(): Promise<string> {
    if (token && emu.clock.now() < token.at + 600_000) return token.value;
    const at = emu.clock.now();
    const ts = wibAt(at);
    const sig = sign('sha256', Buffer.from(`${c.clientId}|${ts}`), c.merchantPrivateKeyPem).toString('base64');
    const r = await post(
      '/v1.0/access-token/b2b',
      { 'Content-Type': 'application/json', 'X-CLIENT-KEY': c.clientId, 'X-TIMESTAMP': ts, 'X-SIGNATURE': sig },
      '{"grantType":"client_credentials"}',
    );
    token = { value: String(r.body.accessToken), at };
    return token.value;
  }

  /** A signed transactional call; `externalId` defaults to a fresh UUID. A network error rejects. */
  async function call(path: string, body: Json, o: { externalId?: string } = {}): Promise<Reply> {
    const tok = await accessToken();
    const raw = JSON.stringify(body);
    const ts = wibAt(emu.clock.now());
    const hash = createHash('sha256').update(raw).digest('hex');
    const sig = createHmac('sha512', c.clientSecret).update(`POST:${path}:${tok}:${hash}:${ts}`).digest('base64');
    return post(
      path,
      {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${tok}`,
        'X-TIMESTAMP': ts,
        'X-SIGNATURE': sig,
        'X-PARTNER-ID': c.partnerId,
        'X-EXTERNAL-ID': o.externalId ?? randomUUID(),
        'CHANNEL-ID': c.channelId,
      },
      raw,
    );
  }

  const money = (rupiah: number): Json => ({ value: `${rupiah}.00`, currency: 'IDR' });

  return {
    call,
    money,
    qris: (orderId: string, rupiah: number) =>
      call('/v1.0/qr/qr-mpm-generate', { partnerReferenceNo: orderId, merchantId: c.merchantId, amount: money(rupiah) }, { externalId: orderId }),
    debit: (orderId: string, rupiah: number, wallet = 'GOPAY') =>
      call('/v1.0/debit/payment-host-to-host', {
        partnerReferenceNo: orderId,
        chargeToken: '',
        merchantId: c.merchantId,
        payOptionDetails: [{ payMethod: wallet, payOption: wallet, transAmount: money(rupiah) }],
      }),
    va: (trxId: string, rupiah: number, bank: string) =>
      call(
        '/v1.0/transfer-va/create-va',
        {
          partnerServiceId: '   70012',
          virtualAccountName: 'Ani',
          trxId,
          totalAmount: money(rupiah),
          additionalInfo: {
            merchantId: c.merchantId,
            bank,
            ...(bank === 'mandiri' ? { mandiri: { billInfo1: 'Bayar', billInfo2: 'Warung' } } : {}),
          },
        },
        { externalId: trxId },
      ),
    close: () => agent.destroy(),
  };
}

/**
 * Verifies a SNAP-BI notification as a merchant would: SHA256withRSA with the
 * emulator's notification public key over `POST:<snapPath>:<sha256hex(raw)>:<X-TIMESTAMP>`.
 */
export function snapSignatureOk(emu: RunningEmulator, snapPath: string, raw: string, headers: Record<string, unknown>): boolean {
  const ts = String(headers['x-timestamp'] ?? headers['X-TIMESTAMP'] ?? '');
  const sig = String(headers['x-signature'] ?? headers['X-SIGNATURE'] ?? '');
  const text = `POST:${snapPath}:${createHash('sha256').update(raw).digest('hex')}:${ts}`;
  return verify('sha256', Buffer.from(text), emu.credentials.snapBi.notificationPublicKeyPem, Buffer.from(sig, 'base64'));
}
