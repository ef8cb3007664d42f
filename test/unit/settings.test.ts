import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDir, DEFAULT_BACKUP_KEEP, DEFAULT_WEBHOOK_PORT, loadSettings, webhookPort } from '../../electron/main/core/settings/settings';

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

describe('start-up checks on settings.json (issue 9)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => writeFileSync(join(dir, 'settings.json'), text, 'utf8');

  it('reads a settings.json saved with a UTF-8 byte-order mark', () => {
    write('\uFEFF' + JSON.stringify({ shopName: 'Warung Kopi Senja', gateway: 'sandbox' }));
    expect(loadSettings(dir, {})).toMatchObject({ shopName: 'Warung Kopi Senja', gateway: 'sandbox' });
  });

  it('stops the start with webhook.host named when it is not an address to listen on', () => {
    for (const host of ['till-1.local', '', '127.0.0.1:8931', '300.1.1.1']) {
      write(JSON.stringify({ webhook: { host } }));
      expect(() => loadSettings(dir, {}), host).toThrow(/settings\.json has invalid settings: webhook\.host: not an IP address to listen on/);
    }
  });

  it('stops the start with webhook.publicUrl named unless it is https', () => {
    for (const publicUrl of ['http://till-1.example.id/midtrans/notification', 'ftp://till-1.example.id/', 'not a url']) {
      write(JSON.stringify({ webhook: { publicUrl } }));
      expect(() => loadSettings(dir, {}), publicUrl).toThrow(/invalid settings: webhook\.publicUrl: must be an https:\/\/ URL/);
    }
    write(JSON.stringify({ webhook: { publicUrl: 'https://till-1.example.id/midtrans/notification' } }));
    expect(loadSettings(dir, {}).webhook.publicUrl).toBe('https://till-1.example.id/midtrans/notification');
  });

  it('binds loopback by default and needs webhook.allowNonLoopback for any other address', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) {
      write(JSON.stringify({ webhook: { host } }));
      expect(loadSettings(dir, {}).webhook).toMatchObject({ host, allowNonLoopback: false });
    }
    for (const host of ['0.0.0.0', '192.168.1.20', '::', '::ffff:10.0.0.1']) {
      write(JSON.stringify({ webhook: { host } }));
      expect(() => loadSettings(dir, {}), host).toThrow(/webhook\.host: .* is not a loopback address.*webhook\.allowNonLoopback/);
      write(JSON.stringify({ webhook: { host, allowNonLoopback: true } }));
      expect(loadSettings(dir, {}).webhook).toMatchObject({ host, allowNonLoopback: true });
    }
  });
});

describe('backup settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps 14 copies in <dataDir>/backups unless the owner names another folder and count', () => {
    const s = loadSettings(dir, {});
    expect(s.backup).toEqual({ keep: DEFAULT_BACKUP_KEEP });
    expect(DEFAULT_BACKUP_KEEP).toBe(14);
    expect(backupDir(s, dir)).toBe(join(dir, 'backups'));
    const elsewhere = join(tmpdir(), 'usb-disk', 'kasir-backup');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ backup: { dir: elsewhere, keep: 30 } }));
    const t = loadSettings(dir, {});
    expect(t.backup).toEqual({ dir: elsewhere, keep: 30 });
    expect(backupDir(t, dir)).toBe(elsewhere);
  });

  it('refuses a relative folder or a keep below one, naming the field', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ backup: { dir: 'backups' } }));
    expect(() => loadSettings(dir, {})).toThrow(/backup\.dir: must be an absolute path/);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ backup: { keep: 0 } }));
    expect(() => loadSettings(dir, {})).toThrow(/backup\.keep/);
  });
});
