/** Core API Basic auth: server key as user name, empty password (reference §1). */
import { timingSafeEqual } from 'node:crypto';
import type { EmuRequest, EmuResponse } from '../types';

const UNAUTHORIZED: EmuResponse = {
  status: 401,
  body: { status_code: '401', status_message: 'Transaction cannot be authorized with the current client/server key.' },
};

/** Accepted Authorization values remembered per checker (a client sends one, a few clients a few). */
const ACCEPTED_MAX = 16;

/** Returns the 401 response when the request does not carry `serverKey`, else undefined. */
export function checkServerKey(req: EmuRequest, serverKey: string): EmuResponse | undefined {
  return carriesServerKey(req.headers.authorization ?? '', serverKey) ? undefined : UNAUTHORIZED;
}

/**
 * `checkServerKey` for one server key, remembering the Authorization values it
 * accepted: every request of a client repeats the same one, and decoding and
 * comparing it each time was a measurable share of a charge. Only accepted
 * values are remembered (a wrong key is always checked in full), so the set
 * stays small; a remembered value is found by its whole-string hash, which
 * tells an attacker nothing about a near miss.
 */
export function createServerKeyCheck(serverKey: string): (req: EmuRequest) => EmuResponse | undefined {
  const accepted = new Set<string>();
  return (req) => {
    const header = req.headers.authorization ?? '';
    if (accepted.has(header)) return undefined;
    if (!carriesServerKey(header, serverKey)) return UNAUTHORIZED;
    if (accepted.size >= ACCEPTED_MAX) accepted.clear();
    accepted.add(header);
    return undefined;
  };
}

function carriesServerKey(header: string, serverKey: string): boolean {
  const m = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!m) return false;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = Buffer.from(colon >= 0 ? decoded.slice(0, colon) : decoded, 'utf8');
  const expected = Buffer.from(serverKey, 'utf8');
  // Midtrans ignores the password; the clients send an empty one.
  return user.length === expected.length && timingSafeEqual(user, expected);
}
