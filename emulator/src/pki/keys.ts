/**
 * RSA-2048 key pairs kept in the state dir: the SNAP-BI merchant key (the
 * merchant signs token requests with it; the emulator verifies with the public
 * half) and the emulator's notification key ("Midtrans' key" that signs SNAP-BI
 * notifications; its public half is handed to the merchant).
 */
import { generateKeyPair } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readIfExists, writeFileAtomic } from '../util/files';

const generateKeyPairAsync = promisify(generateKeyPair);

/** A PEM key pair (PKCS#8 private, SPKI public) and where it is stored. */
export interface RsaKeyFiles {
  privateKeyPem: string;
  publicKeyPem: string;
  privateKeyPath: string;
  publicKeyPath: string;
}

/** Loads `<name>-private-key.pem` / `<name>-public-key.pem`, generating them if absent. */
export async function loadOrCreateRsaPair(stateDir: string, name: string): Promise<RsaKeyFiles> {
  const privateKeyPath = join(stateDir, `${name}-private-key.pem`);
  const publicKeyPath = join(stateDir, `${name}-public-key.pem`);
  const priv = readIfExists(privateKeyPath);
  const pub = readIfExists(publicKeyPath);
  if (priv && pub) return { privateKeyPem: priv, publicKeyPem: pub, privateKeyPath, publicKeyPath };

  const pair = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  writeFileAtomic(privateKeyPath, pair.privateKey, 0o600);
  writeFileAtomic(publicKeyPath, pair.publicKey);
  return { privateKeyPem: pair.privateKey, publicKeyPem: pair.publicKey, privateKeyPath, publicKeyPath };
}
