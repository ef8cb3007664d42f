/**
 * Non-secret settings, from `settings.json` in the data dir with environment
 * overrides for tests and kiosks. Secrets never live here (they are in the OS
 * keychain); the file is parsed with a schema and a bad file is an error, not a guess.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { PAYMENT_METHODS, type GatewayApi, type PaymentMethod } from '../../../../shared/domain/payment';
import { TILL_API_FOR } from '../../../../shared/domain/payment-methods';
import { apisFor, PAYMENT_METHOD_SPECS, SNAP_VA_BANKS } from '../../../../shared/domain/payment-methods';
import { NO_PRINTER, printerSettingsSchema } from '../receipts/printer-settings';
import { DEFAULT_SHOP_ZONE, isTimeZone } from '../../../../shared/domain/zoned-time';
import { DEFAULT_SALES, salesSettingsSchema } from './sales-settings';

/** How many ledger backups are kept when settings.json does not say: two weeks of daily closes. */
export const DEFAULT_BACKUP_KEEP = 14;

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
  /** Per-method API override; unspecified methods use TILL_API_FOR. */
  routing: routingSchema.default({}),
  webhook: z
    .strictObject({
      /** The address the listener binds: an IP literal or `localhost`; loopback unless `allowNonLoopback`. */
      host: z.string().refine(isBindableHost, { message: 'not an IP address to listen on (e.g. 127.0.0.1)' }).default('127.0.0.1'),
      /** Unset: an ephemeral port with the emulator, {@link DEFAULT_WEBHOOK_PORT} with real Midtrans. */
      port: z.number().int().min(0).max(65535).optional(),
      /** Public URL (tunnel/relay) Midtrans should notify; sent as X-Override-Notification. */
      publicUrl: z.url({ protocol: /^https$/, error: 'must be an https:// URL (notifications carry payment data; Midtrans notifies https endpoints)' }).optional(),
      /**
       * The owner's explicit yes to a listener reachable from the network
       * (any non-loopback `host`, e.g. `0.0.0.0` behind a relay on the LAN).
       */
      allowNonLoopback: z.boolean().default(false),
    })
    .superRefine((w, ctx) => {
      if (isBindableHost(w.host) && !isLoopbackHost(w.host) && !w.allowNonLoopback) {
        ctx.addIssue({
          code: 'custom',
          path: ['host'],
          message: `${w.host} is not a loopback address, so anyone on the network could reach the listener; set webhook.allowNonLoopback to true if that is intended`,
        });
      }
    })
    .default({ host: '127.0.0.1', allowNonLoopback: false }),
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
  /**
   * Ledger backups (ledger/backup.ts): `dir` is where copies go — another
   * disk or folder (default `<dataDir>/backups`, which survives a damaged
   * file but not a dead disk); `keep` is how many copies are kept (oldest
   * pruned first).
   */
  backup: z
    .strictObject({
      dir: z.string().min(1).refine(isAbsolute, { message: 'must be an absolute path (e.g. D:\\kasir-backup or /media/usb/kasir-backup)' }).optional(),
      keep: z.number().int().min(1).max(1000).default(DEFAULT_BACKUP_KEEP),
    })
    .default({ keep: DEFAULT_BACKUP_KEEP }),
  /** The sale: till id, tax, service charge, cash rounding, NPWP (./sales-settings.ts). */
  sales: salesSettingsSchema.default(DEFAULT_SALES),
});
export type Settings = z.infer<typeof settingsSchema>;

/** An address a socket can bind: an IPv4/IPv6 literal, or `localhost`. Hostnames would need DNS at start. */
function isBindableHost(host: string): boolean {
  return host === 'localhost' || isIP(host) !== 0;
}

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form) and `localhost`: reachable from this machine only. */
function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** Reads settings.json (if any) and applies KASIR_* environment overrides. */
export function loadSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): Settings {
  const file = join(dataDir, 'settings.json');
  let fromFile: unknown = {};
  if (existsSync(file)) {
    try {
      // Windows editors (Notepad) save UTF-8 with a byte-order mark; JSON.parse refuses it.
      fromFile = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
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

/** Where ledger backups go: `backup.dir`, else `<dataDir>/backups`. */
export function backupDir(settings: Settings, dataDir: string): string {
  return settings.backup.dir ?? join(dataDir, 'backups');
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

/** The effective API for every method: the till's defaults (GoPay by QR on the Core API), then settings.json. */
export function resolveRouting(settings: Settings) {
  return { ...TILL_API_FOR, ...settings.routing };
}
