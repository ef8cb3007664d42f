/**
 * The receipt printer part of `settings.json`. A printer is something on the
 * shop's own network or plugged into the till, so a host must be an IPv4
 * literal on loopback or a private/link-local LAN range: a typo or a pasted
 * hostname must never make the till stream receipts to the internet, and an
 * IP literal needs no DNS lookup that could resolve elsewhere.
 */
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { isSupportedCodepage } from './escpos-encoder';

/** The raw ESC/POS port every network receipt printer listens on (JetDirect). */
export const DEFAULT_PRINTER_PORT = 9100;
/** 58 mm paper: 32 characters of Font A. 80 mm paper takes 48. */
export const DEFAULT_PRINTER_COLUMNS = 32;

/** True for 127.0.0.0/8, 10/8, 172.16/12, 192.168/16 and 169.254/16 (printers without DHCP). */
export function isLanIPv4(host: string): boolean {
  if (!isIPv4(host)) return false;
  const [a, b] = host.split('.').map(Number) as [number, number, number, number];
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

/**
 * A printer device path: a POSIX device under /dev (e.g. /dev/usb/lp0) or a
 * Windows port (COM3, LPT1, \\.\COM10). Anything else would let a typo turn
 * receipts into writes over an ordinary file.
 */
export function isDevicePath(path: string): boolean {
  if (path.includes('\0') || path.includes('..')) return false;
  return /^\/dev\/[A-Za-z0-9._/-]+$/.test(path) || /^(\\\\\.\\)?(COM|LPT)\d{1,3}$/i.test(path);
}

export const printerSettingsSchema = z
  .strictObject({
    kind: z.enum(['none', 'tcp', 'device']).default('none'),
    host: z.string().refine(isLanIPv4, 'printer host must be an IPv4 address on 127.0.0.1 or the local network').optional(),
    port: z.number().int().min(1).max(65535).default(DEFAULT_PRINTER_PORT),
    path: z.string().refine(isDevicePath, 'printer path must be a device such as /dev/usb/lp0 or COM3').optional(),
    columns: z.number().int().min(24).max(64).default(DEFAULT_PRINTER_COLUMNS),
    /** An ESC/POS code page name (e.g. cp858); unset lets the encoder pick per character. */
    codepage: z.string().refine(isSupportedCodepage, 'unknown printer codepage').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'tcp' && !p.host) ctx.addIssue({ code: 'custom', path: ['host'], message: 'a tcp printer needs a host' });
    if (p.kind === 'device' && !p.path) ctx.addIssue({ code: 'custom', path: ['path'], message: 'a device printer needs a path' });
  });

/** The receipt printer settings after defaults. */
export type PrinterSettings = z.infer<typeof printerSettingsSchema>;

/** No printer: the till offers only the on-screen (window.print) receipt. */
export const NO_PRINTER: PrinterSettings = { kind: 'none', port: DEFAULT_PRINTER_PORT, columns: DEFAULT_PRINTER_COLUMNS };
