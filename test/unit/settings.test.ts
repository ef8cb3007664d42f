import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_PORT, loadSettings, webhookPort } from '../../electron/main/core/settings/settings';

describe('settings.json', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (value: unknown) => writeFileSync(join(dir, 'settings.json'), typeof value === 'string' ? value : JSON.stringify(value));

  it('defaults to the emulator, Asia/Jakarta and an ephemeral webhook port', () => {
    const s = loadSettings(dir, {});
    expect(s).toMatchObject({ gateway: 'emulator', zone: 'Asia/Jakarta', webhook: { host: '127.0.0.1' } });
    expect(webhookPort(s)).toBe(0);
  });

  it('gives real Midtrans a fixed webhook port a tunnel can point at, unless one is set', () => {
    write({ gateway: 'sandbox' });
    expect(webhookPort(loadSettings(dir, {}))).toBe(DEFAULT_WEBHOOK_PORT);
    write({ gateway: 'production', webhook: { port: 9444 } });
    expect(webhookPort(loadSettings(dir, {}))).toBe(9444);
    expect(webhookPort(loadSettings(dir, { KASIR_WEBHOOK_PORT: '9555' }))).toBe(9555);
  });

  it('lets the environment pick the gateway and zone', () => {
    expect(loadSettings(dir, { KASIR_GATEWAY: 'production', KASIR_ZONE: 'Asia/Makassar' })).toMatchObject({ gateway: 'production', zone: 'Asia/Makassar' });
  });

  it('names the file and the problem for broken JSON or bad values', () => {
    write('{ "gateway": ');
    expect(() => loadSettings(dir, {})).toThrow(/settings\.json is not valid JSON/);
    write({ gateway: 'live', webhook: { port: 70000 } });
    expect(() => loadSettings(dir, {})).toThrow(/invalid settings: gateway: .*; webhook\.port/);
    write({ surprise: true });
    expect(() => loadSettings(dir, {})).toThrow(/invalid settings/);
  });
});

describe('SNAP-BI onboarding values in settings.json', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the merchant id and per-bank partnerServiceIds, and refuses malformed ones', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ snapBi: { merchantId: 'G123', vaPartnerServiceIds: { bca: '   12345', mandiri: '70012' } } }));
    expect(loadSettings(dir, {}).snapBi).toEqual({ merchantId: 'G123', vaPartnerServiceIds: { bca: '   12345', mandiri: '70012' } });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ snapBi: { vaPartnerServiceIds: { bca: 'ABC' } } }));
    expect(() => loadSettings(dir, {})).toThrow(/snapBi\.vaPartnerServiceIds/);
  });
});

describe('time zone', () => {
  it('refuses a zone the runtime does not know', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-settings-'));
    try {
      expect(() => loadSettings(dir, { KASIR_ZONE: 'Asia/Jakrta' })).toThrow(/zone: not an IANA time zone/);
      expect(loadSettings(dir, { KASIR_ZONE: 'Asia/Jayapura' }).zone).toBe('Asia/Jayapura');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
