/**
 * Non-secret settings, from `settings.json` in the data dir with environment
 * overrides for tests and kiosks. Secrets never live here (they are in the OS
 * keychain); the file is parsed with a schema and a bad file is an error, not a guess.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_API_FOR, PAYMENT_METHODS } from '../../../../shared/domain/payment';
import { NO_PRINTER, printerSettingsSchema } from '../receipts/printer-settings';

const gatewayApi = z.enum(['snap_bi', 'core_api', 'none']);

export const settingsSchema = z.strictObject({
  shopName: z.string().min(1).max(80).default('Warung Kasir'),
  zone: z.string().default('Asia/Jakarta'),
  gateway: z.enum(['emulator', 'sandbox', 'production']).default('emulator'),
  /** Per-method API override; unspecified methods use DEFAULT_API_FOR. */
  routing: z.partialRecord(z.enum(PAYMENT_METHODS), gatewayApi).default({}),
  webhook: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(0),
      /** Public URL (tunnel/relay) Midtrans should notify; sent as X-Override-Notification. */
      publicUrl: z.url().optional(),
    })
    .default({ host: '127.0.0.1', port: 0 }),
  emulator: z
    .strictObject({ port: z.number().int().min(0).max(65535).default(0) })
    .default({ port: 0 }),
  /** Thermal receipt printer (ESC/POS): none, raw TCP on the LAN, or a device file. */
  printer: printerSettingsSchema.default(NO_PRINTER),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Reads settings.json (if any) and applies KASIR_* environment overrides. */
export function loadSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): Settings {
  const file = join(dataDir, 'settings.json');
  const fromFile: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const base = settingsSchema.parse(fromFile);
  const overridden = {
    ...base,
    gateway: env.KASIR_GATEWAY ?? base.gateway,
    zone: env.KASIR_ZONE ?? base.zone,
    webhook: { ...base.webhook, ...(env.KASIR_WEBHOOK_PORT ? { port: Number(env.KASIR_WEBHOOK_PORT) } : {}) },
  };
  return settingsSchema.parse(overridden);
}

/** The effective API for every method. */
export function resolveRouting(settings: Settings) {
  return { ...DEFAULT_API_FOR, ...settings.routing };
}
