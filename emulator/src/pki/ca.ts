/**
 * The emulator's own certificate authority and its HTTPS server certificate.
 * The CA is generated once and kept in the state dir so clients (the app, tests,
 * curl) can trust it explicitly; nothing ever has to turn verification off.
 * ECDSA P-256 keeps first start and TLS handshakes fast. Existing files are
 * checked with node:crypto; ca-issuer.ts (the X.509 library) is loaded only to
 * create what is missing.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { readIfExists, writeFileAtomic } from '../util/files';

const DAY_MS = 86_400_000;

/** PEM material the HTTPS server and its clients need. */
export interface ServerPki {
  caCertPem: string;
  caCertPath: string;
  serverCertPem: string;
  serverKeyPem: string;
}

/** Still valid for 30 days, signed by this CA and covering every host. */
function serverCertStillGood(pem: string, caPem: string, hosts: string[]): boolean {
  try {
    const cert = new X509Certificate(pem);
    if (Date.parse(cert.validTo) < Date.now() + 30 * DAY_MS) return false;
    if (!cert.verify(new X509Certificate(caPem).publicKey)) return false;
    return hosts.every((h) => (isIP(h) ? cert.checkIP(h) : cert.checkHost(h, { wildcards: false })) !== undefined);
  } catch {
    return false;
  }
}

/**
 * Loads the CA and server certificate from `stateDir`, creating what is missing.
 * The server certificate is re-issued (by the same CA) when it is near expiry or
 * does not cover every host in `hosts`, so trust set up once keeps working.
 */
export async function loadOrCreatePki(stateDir: string, hosts: string[]): Promise<ServerPki> {
  const caCertPath = join(stateDir, 'ca-cert.pem');
  const caKeyPath = join(stateDir, 'ca-key.pem');
  const serverCertPath = join(stateDir, 'server-cert.pem');
  const serverKeyPath = join(stateDir, 'server-key.pem');

  let caPem = readIfExists(caCertPath);
  let caKeyPem = readIfExists(caKeyPath);
  if (!caPem || !caKeyPem) {
    const created = await (await import('./ca-issuer')).createCa();
    caPem = created.certPem;
    caKeyPem = created.keyPem;
    writeFileAtomic(caKeyPath, caKeyPem, 0o600);
    writeFileAtomic(caCertPath, caPem);
  }

  let serverCertPem = readIfExists(serverCertPath);
  let serverKeyPem = readIfExists(serverKeyPath);
  if (!serverCertPem || !serverKeyPem || !serverCertStillGood(serverCertPem, caPem, hosts)) {
    const issued = await (await import('./ca-issuer')).issueServerCert(caPem, caKeyPem, hosts);
    serverCertPem = issued.certPem;
    serverKeyPem = issued.keyPem;
    writeFileAtomic(serverKeyPath, serverKeyPem, 0o600);
    writeFileAtomic(serverCertPath, serverCertPem);
  }
  return { caCertPem: caPem, caCertPath, serverCertPem, serverKeyPem };
}
