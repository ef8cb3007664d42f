import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDevicePath, isLanIPv4, printerSettingsSchema } from '../../electron/main/core/receipts/printer-settings';
import { loadSettings } from '../../electron/main/core/settings/settings';

describe('printer settings', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('defaults to no printer', () => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-settings-'));
    expect(loadSettings(dir, {}).printer).toEqual({ kind: 'none', port: 9100, columns: 32 });
  });

  it('reads a LAN printer with the default port and 80 mm columns', () => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-settings-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ printer: { kind: 'tcp', host: '192.168.1.50', columns: 48, codepage: 'cp858' } }));
    expect(loadSettings(dir, {}).printer).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100, columns: 48, codepage: 'cp858' });
  });

  it.each(['127.0.0.1', '10.0.0.9', '172.16.0.1', '172.31.255.254', '192.168.0.20', '169.254.10.1'])('accepts %s', (host) => {
    expect(isLanIPv4(host)).toBe(true);
  });

  it.each(['8.8.8.8', '172.32.0.1', '192.169.1.1', 'printer.local', 'localhost', '::1', '0.0.0.0', '192.168.1.50:9100', ''])(
    'refuses %s as a printer host',
    (host) => {
      expect(isLanIPv4(host)).toBe(false);
      expect(printerSettingsSchema.safeParse({ kind: 'tcp', host }).success).toBe(false);
    },
  );

  it('needs a host for tcp and a device path for device', () => {
    expect(printerSettingsSchema.safeParse({ kind: 'tcp' }).success).toBe(false);
    expect(printerSettingsSchema.safeParse({ kind: 'device' }).success).toBe(false);
    expect(printerSettingsSchema.safeParse({ kind: 'device', path: '/dev/usb/lp0' }).success).toBe(true);
    expect(printerSettingsSchema.safeParse({ kind: 'tcp', host: '127.0.0.1', port: 70000 }).success).toBe(false);
    expect(printerSettingsSchema.safeParse({ kind: 'tcp', host: '127.0.0.1', codepage: 'klingon' }).success).toBe(false);
    expect(printerSettingsSchema.safeParse({ kind: 'tcp', host: '127.0.0.1', password: 'x' }).success).toBe(false);
  });

  it.each([
    ['/dev/usb/lp0', true],
    ['/dev/ttyUSB0', true],
    ['COM3', true],
    ['\\\\.\\COM10', true],
    ['/home/kasir/.bashrc', false],
    ['/dev/../etc/passwd', false],
    ['lp0', false],
  ])('device path %s → %s', (path, ok) => {
    expect(isDevicePath(path)).toBe(ok);
  });
});
