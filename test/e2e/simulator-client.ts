/**
 * Drives the emulator's simulator API from a test, over HTTPS trusting the
 * emulator's own CA (never by switching verification off).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

export interface SimulatorClient {
  pay(by: { order_id?: string; qr_string?: string; va_number?: string }): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
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
  return {
    pay: (by) => send('POST', '/api/pay', by),
    post: (path, body) => send('POST', path, body),
    get: (path) => send('GET', path),
  };
}
