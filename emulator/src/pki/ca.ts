/**
 * The emulator's own certificate authority and its HTTPS server certificate.
 * The CA is generated once and kept in the state dir so clients (the app, tests,
 * curl) can trust it explicitly; nothing ever has to turn verification off.
 * ECDSA P-256 keeps first start and TLS handshakes fast.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { readIfExists, writeFileAtomic } from '../util/files';

// Node's WebCrypto is what @peculiar/x509 signs and verifies with. The cast bridges
// Node's and the DOM lib's declarations of the same interface (the e2e project sees both).
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[1]);

type CryptoKey = webcrypto.CryptoKey;

const KEY_ALG: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN_ALG: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 86_400_000;

/** PEM material the HTTPS server and its clients need. */
export interface ServerPki {
  caCertPem: string;
  caCertPath: string;
  serverCertPem: string;
  serverKeyPem: string;
}

async function exportPrivatePem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importPrivatePem(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALG, false, ['sign']);
}

async function createCa(): Promise<{ cert: x509.X509Certificate; key: CryptoKey; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALG, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Kasir Midtrans Emulator Local CA, O=Kasir',
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    signingAlgorithm: SIGN_ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey, keyPem: await exportPrivatePem(keys.privateKey) };
}

function randomSerial(): string {
  // Positive 16-byte serial: clear the top bit so DER does not read it as negative.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function issueServerCert(
  ca: x509.X509Certificate,
  caKey: CryptoKey,
  hosts: string[],
): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALG, true, ['sign', 'verify']);
  const now = Date.now();
  const names: x509.JsonGeneralName[] = hosts.map((h) =>
    /^[\d.]+$/.test(h) || h.includes(':') ? { type: 'ip', value: h } : { type: 'dns', value: h },
  );
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=127.0.0.1, O=Kasir Midtrans Emulator',
    issuer: ca.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 397 * DAY_MS),
    signingAlgorithm: SIGN_ALG,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(names, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportPrivatePem(keys.privateKey) };
}

async function serverCertStillGood(pem: string, ca: x509.X509Certificate, hosts: string[]): Promise<boolean> {
  try {
    const cert = new x509.X509Certificate(pem);
    if (cert.notAfter.getTime() < Date.now() + 30 * DAY_MS) return false;
    if (!(await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }))) return false;
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    const covered = new Set((san?.names.toJSON() ?? []).map((n) => n.value));
    return hosts.every((h) => covered.has(h));
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
  let ca: x509.X509Certificate;
  let caKey: CryptoKey;
  if (caPem && caKeyPem) {
    ca = new x509.X509Certificate(caPem);
    caKey = await importPrivatePem(caKeyPem);
  } else {
    const created = await createCa();
    ca = created.cert;
    caKey = created.key;
    caPem = ca.toString('pem');
    caKeyPem = created.keyPem;
    writeFileAtomic(caKeyPath, caKeyPem, 0o600);
    writeFileAtomic(caCertPath, caPem);
  }

  let serverCertPem = readIfExists(serverCertPath);
  let serverKeyPem = readIfExists(serverKeyPath);
  if (!serverCertPem || !serverKeyPem || !(await serverCertStillGood(serverCertPem, ca, hosts))) {
    const issued = await issueServerCert(ca, caKey, hosts);
    serverCertPem = issued.certPem;
    serverKeyPem = issued.keyPem;
    writeFileAtomic(serverKeyPath, serverKeyPem, 0o600);
    writeFileAtomic(serverCertPath, serverCertPem);
  }
  return { caCertPem: caPem, caCertPath, serverCertPem, serverKeyPem };
}
