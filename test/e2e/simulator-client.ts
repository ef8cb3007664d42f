/**
 * Drives the emulator's simulator API from a test, over HTTPS trusting the
 * emulator's own CA (never by switching verification off).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

/** One item of a charge as the emulator recorded it (Core API `item_details`; SNAP-BI `additionalInfo.items`). */
export interface RecordedItem {
  id: string;
  name: string;
  price: number | null;
  quantity: number | null;
}

/** A charge as the simulator's transaction list shows it (the fields tests compare; more are present). */
export interface SimTransaction {
  transactionId: string;
  orderId: string;
  source: 'core' | 'snap';
  paymentType: string;
  grossAmount: number;
  status: string;
  /** What the charge sent as its items ([] when none). */
  item_details: RecordedItem[];
  /** The sale reference it carried (Core `custom_field1`, SNAP-BI customField / metadata), or null. */
  sale_ref: string | null;
  [field: string]: unknown;
}

export interface SimulatorClient {
  pay(by: { order_id?: string; qr_string?: string; va_number?: string }): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
  /** DELETE (e.g. `/api/faults`: clears every fault rule). */
  del(path: string): Promise<unknown>;
  /** The emulator's charges, newest first (`GET /api/transactions`). */
  transactions(limit?: number): Promise<SimTransaction[]>;
  /** The charges that carried `saleRef`, oldest first (one per electronic tender of the sale). */
  chargesOfSale(saleRef: string): Promise<SimTransaction[]>;
}

export function simulatorClient(simulatorUrl: string, caCertPath: string): SimulatorClient {
  const ca = readFileSync(caCertPath);
  const send = (method: string, path: string, body?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        `${simulatorUrl}${path}`,
        { method, ca, headers: { 'content-type': 'application/json', ...(data ? { 'content-length': String(data.length) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 500) >= 400) return reject(new Error(`${method} ${path} → ${res.statusCode}: ${text}`));
            try {
              resolve(text ? JSON.parse(text) : null);
            } catch {
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  const transactions = async (limit = 100): Promise<SimTransaction[]> =>
    ((await send('GET', `/api/transactions?limit=${limit}`)) as { transactions: SimTransaction[] }).transactions;
  return {
    pay: (by) => send('POST', '/api/pay', by),
    post: (path, body) => send('POST', path, body),
    get: (path) => send('GET', path),
    del: (path) => send('DELETE', path),
    transactions,
    chargesOfSale: async (saleRef) => (await transactions(1_000)).filter((t) => t.sale_ref === saleRef).reverse(),
  };
}
