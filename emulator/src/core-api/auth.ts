/** Core API Basic auth: server key as user name, empty password (reference §1). */
import { timingSafeEqual } from 'node:crypto';
import type { EmuRequest, EmuResponse } from '../types';

const UNAUTHORIZED: EmuResponse = {
  status: 401,
  body: { status_code: '401', status_message: 'Transaction cannot be authorized with the current client/server key.' },
};

/** Returns the 401 response when the request does not carry `serverKey`, else undefined. */
export function checkServerKey(req: EmuRequest, serverKey: string): EmuResponse | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!m) return UNAUTHORIZED;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = Buffer.from(colon >= 0 ? decoded.slice(0, colon) : decoded, 'utf8');
  const expected = Buffer.from(serverKey, 'utf8');
  // Midtrans ignores the password; the clients send an empty one.
  return user.length === expected.length && timingSafeEqual(user, expected) ? undefined : UNAUTHORIZED;
}
