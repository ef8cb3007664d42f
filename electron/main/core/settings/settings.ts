/**
 * Non-secret settings, from `settings.json` in the data dir with environment
 * overrides for tests and kiosks. Secrets never live here (they are in the OS
 * keychain); the file is parsed with a schema and a bad file is an error, not a guess.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_API_FOR, PAYMENT_METHODS, type GatewayApi, type PaymentMethod } from '../../../../shared/domain/payment';
import { apisFor, PAYMENT_METHOD_SPECS, SNAP_VA_BANKS } from '../../../../shared/domain/payment-methods';
import { NO_PRINTER, printerSettingsSchema } from '../receipts/printer-settings';
import { DEFAULT_SHOP_ZONE, isTimeZone } from '../../../../shared/domain/zoned-time';

const gatewayApi = z.enum(['snap_bi', 'core_api', 'none']);

/** What settings.json may route a method to: an API the registry describes it for, or `none` (off at this till). */
function routableTo(method: PaymentMethod): readonly GatewayApi[] {
  const apis = apisFor(method);
  return apis.includes('none') ? apis : [...apis, 'none'];
}

/** Per-method API override, checked against the registry so a typo stops the start with the field named. */
const routingSchema = z.partialRecord(z.enum(PAYMENT_METHODS), gatewayApi).superRefine((routing, ctx) => {
  for (const [method, api] of Object.entries(routing) as [PaymentMethod, GatewayApi][]) {
    const allowed = routableTo(method);
    if (!allowed.includes(api)) {
      ctx.addIssue({ code: 'custom', path: [method], message: `${PAYMENT_METHOD_SPECS[method].name} can only use ${allowed.join(' or ')}` });
    }
  }
});


export const settingsSchema = z.strictObject({
  shopName: z.string().min(1).max(80).default('Warung Kasir'),
  zone: z
    .string()
    .refine(isTimeZone, { message: 'not an IANA time zone (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)' })
    .default(DEFAULT_SHOP_ZONE),
  gateway: z.enum(['emulator', 'sandbox', 'production']).default('emulator'),
  /** Per-method API override; unspecified methods use DEFAULT_API_FOR. */
  routing: routingSchema.default({}),
  webhook: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      /** Unset: an ephemeral port with the emulator, {@link DEFAULT_WEBHOOK_PORT} with real Midtrans. */
      port: z.number().int().min(0).max(65535).optional(),
      /** Public URL (tunnel/relay) Midtrans should notify; sent as X-Override-Notification. */
      publicUrl: z.url().optional(),
    })
    .default({ host: '127.0.0.1' }),
  emulator: z
    .strictObject({ port: z.number().int().min(0).max(65535).default(0) })
    .default({ port: 0 }),
  /**
   * SNAP-BI values from onboarding that are not secrets: the merchant id put in
   * bodies (default: the partner id) and the 8-character partnerServiceId of
   * each VA bank (one string for all banks, or per bank: the SNAP-BI VA banks
   * of the method registry, today bca, bni, bri, permata, cimb, mandiri).
   */
  snapBi: z
    .strictObject({
      merchantId: z.string().min(1).max(64).optional(),
      vaPartnerServiceIds: z.union([z.string().regex(/^\s*\d{1,8}$/), z.partialRecord(z.enum(SNAP_VA_BANKS), z.string().regex(/^\s*\d{1,8}$/))]).optional(),
    })
    .default({}),
  /** Thermal receipt printer (ESC/POS): none, raw TCP on the LAN, or a device file. */
  printer: printerSettingsSchema.default(NO_PRINTER),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Reads settings.json (if any) and applies KASIR_* environment overrides. */
export function loadSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): Settings {
  const file = join(dataDir, 'settings.json');
  let fromFile: unknown = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const base = parseSettings(fromFile, file);
  const overridden = {
    ...base,
    gateway: env.KASIR_GATEWAY ?? base.gateway,
    zone: env.KASIR_ZONE ?? base.zone,
    webhook: { ...base.webhook, ...(env.KASIR_WEBHOOK_PORT ? { port: Number(env.KASIR_WEBHOOK_PORT) } : {}) },
  };
  return parseSettings(overridden, `${file} with KASIR_* overrides`);
}

/** Parses settings or throws one readable line naming where they came from and every bad field. */
function parseSettings(value: unknown, from: string): Settings {
  const parsed = settingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`${from} has invalid settings: ${issues}`);
}

/**
 * The listener's port with real Midtrans: fixed, so a tunnel or relay can point
 * at it across restarts. With the emulator any free port will do.
 */
export const DEFAULT_WEBHOOK_PORT = 8931;

/** The port the webhook listener binds. */
export function webhookPort(settings: Settings): number {
  return settings.webhook.port ?? (settings.gateway === 'emulator' ? 0 : DEFAULT_WEBHOOK_PORT);
}

/** The effective API for every method. */
export function resolveRouting(settings: Settings) {
  return { ...DEFAULT_API_FOR, ...settings.routing };
}
