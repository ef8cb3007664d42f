/**
 * The emulator's PKI: existing files are checked with node:crypto (no X.509
 * library loaded on an ordinary start) and the server certificate is
 * re-issued by the same CA only when it no longer covers every host.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreatePki } from '../../emulator/src/pki/ca';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('emulator PKI', () => {
  it('keeps a good server certificate, re-issues it (same CA) for a new host', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-pki-'));
    const first = await loadOrCreatePki(dir, ['127.0.0.1', 'localhost']);
    const again = await loadOrCreatePki(dir, ['127.0.0.1', 'localhost']);
    expect(again).toEqual(first);

    const wider = await loadOrCreatePki(dir, ['127.0.0.1', 'localhost', 'till.local']);
    expect(wider.caCertPem).toBe(first.caCertPem);
    expect(wider.serverCertPem).not.toBe(first.serverCertPem);
    const cert = new X509Certificate(wider.serverCertPem);
    expect(cert.checkHost('till.local')).toBe('till.local');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.verify(new X509Certificate(wider.caCertPem).publicKey)).toBe(true);
  });
});
