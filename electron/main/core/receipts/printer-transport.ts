/**
 * Getting bytes to a receipt printer: raw TCP (port 9100, the JetDirect-style
 * port every network ESC/POS printer has) or a device file (/dev/usb/lp0,
 * COM3). Every failure becomes a KasirError('PRINTER_UNAVAILABLE') whose
 * message tells the cashier what to check; nothing here retries, because a
 * retried print job is a second paper receipt.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { connect } from 'node:net';
import { KasirError } from '../../../../shared/contract/result';
import type { PrinterSettings } from './printer-settings';

/** Something that takes a whole print job. */
export interface PrinterTransport {
  /** "192.168.1.50:9100" or "/dev/usb/lp0", for logs and messages (never a secret). */
  readonly target: string;
  send(data: Uint8Array): Promise<void>;
}

/** How long a job may take end to end before the cashier is told; a receipt is a few KB. */
export const DEFAULT_PRINT_TIMEOUT_MS = 8_000;

/** Why a job failed, as the renderer words it (error-vocabulary.ts, PRINTER_UNAVAILABLE). */
type PrinterFailure = 'no_answer' | 'unconfirmed' | 'closed' | 'offline' | 'unreachable' | 'dropped' | 'refused' | 'failed' | 'not_connected' | 'no_access' | 'busy' | 'not_taken';

const unavailable = (reason: PrinterFailure, target: string, message: string, more: Record<string, string | number> = {}) =>
  new KasirError('PRINTER_UNAVAILABLE', message, { params: { reason, target, ...more } });

function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** Options for a network printer. */
export interface TcpPrinterOptions {
  host: string;
  port: number;
  timeoutMs?: number;
}

/**
 * A network printer on raw TCP. The job is done when the printer closes its
 * side after our end-of-job: a raw port reads to end-of-stream and then hangs
 * up, so "printed" means it took every byte, not merely that the kernel
 * buffered them.
 */
export class TcpPrinter implements PrinterTransport {
  readonly target: string;
  private readonly timeoutMs: number;

  constructor(private readonly opts: TcpPrinterOptions) {
    this.target = `${opts.host}:${opts.port}`;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
  }

  send(data: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let phase: 'connecting' | 'printing' = 'connecting';
      let settled = false;
      const socket = connect({ host: this.opts.host, port: this.opts.port });
      const finish = (error?: KasirError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (error) reject(error);
        else resolve();
      };
      const seconds = `${this.timeoutMs / 1000} s`;
      const timer = setTimeout(() => {
        finish(
          phase === 'connecting'
            ? unavailable('no_answer', this.target, `The receipt printer at ${this.target} did not answer within ${seconds}. Check that it is on and on the shop network.`, { seconds: this.timeoutMs / 1000 })
            : // The bytes may be on paper already: say so, so the cashier looks before printing a second copy.
              unavailable('unconfirmed', this.target, `The receipt printer at ${this.target} took the receipt but did not confirm within ${seconds}. Check whether it printed before printing again.`, { seconds: this.timeoutMs / 1000 }),
        );
      }, this.timeoutMs);
      socket.once('connect', () => {
        phase = 'printing';
        socket.end(data);
      });
      // Some printers push status bytes (ASB); read and drop them so the stream can reach its end.
      socket.on('data', () => {});
      socket.on('error', (e) => finish(this.describe(e, phase)));
      socket.once('close', (hadError) => {
        if (!hadError) finish(phase === 'printing' ? undefined : unavailable('closed', this.target, `The receipt printer at ${this.target} closed the connection.`));
      });
    });
  }

  private describe(e: unknown, phase: 'connecting' | 'printing'): KasirError {
    switch (errnoCode(e)) {
      case 'ECONNREFUSED':
        return unavailable('offline', this.target, `The receipt printer at ${this.target} is offline (connection refused). Check that it is switched on.`);
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'EHOSTDOWN':
      case 'ETIMEDOUT':
        return unavailable('unreachable', this.target, `The receipt printer at ${this.target} cannot be reached. Check its network cable or Wi-Fi.`);
      case 'ECONNRESET':
      case 'EPIPE':
        return phase === 'printing'
          ? unavailable('dropped', this.target, `The receipt printer at ${this.target} dropped the connection while printing. Check paper and cover, then print again.`)
          : unavailable('refused', this.target, `The receipt printer at ${this.target} refused the connection. Check that no other till is printing to it.`);
      default:
        return unavailable('failed', this.target, `The receipt printer at ${this.target} could not be used (${errnoCode(e) ?? 'network error'}).`, {
          errno: errnoCode(e) ?? 'network error',
        });
    }
  }
}

/** Options for a printer behind a device file. */
export interface DevicePrinterOptions {
  path: string;
  timeoutMs?: number;
}

/** A printer behind a device file (USB printer class, serial port): one write of the whole job. */
export class DevicePrinter implements PrinterTransport {
  readonly target: string;
  private readonly timeoutMs: number;

  constructor(opts: DevicePrinterOptions) {
    this.target = opts.path;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
  }

  async send(data: Uint8Array): Promise<void> {
    // Write-only and never O_CREAT: an unplugged printer must be an error, not a new file where its device was.
    const flags = constants.O_WRONLY | (constants.O_NOCTTY ?? 0);
    let handle;
    try {
      handle = await open(this.target, flags);
    } catch (e) {
      throw this.describe(e);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            unavailable('not_taken', this.target, `The receipt printer at ${this.target} did not take the receipt within ${this.timeoutMs / 1000} s. Check paper and cover.`, {
              seconds: this.timeoutMs / 1000,
            }),
          ),
        this.timeoutMs,
      );
    });
    const writing = handle.writeFile(data);
    try {
      await Promise.race([writing, timeout]);
    } catch (e) {
      // A stuck device write cannot be cancelled; close once it ends so the handle is not leaked.
      void writing.catch(() => {}).finally(() => void handle.close().catch(() => {}));
      throw e instanceof KasirError ? e : this.describe(e);
    } finally {
      clearTimeout(timer);
    }
    await handle.close();
  }

  private describe(e: unknown): KasirError {
    switch (errnoCode(e)) {
      case 'ENOENT':
      case 'ENODEV':
      case 'ENXIO':
        return unavailable('not_connected', this.target, `No receipt printer is connected at ${this.target}. Check the USB cable and power.`);
      case 'EACCES':
      case 'EPERM':
        return unavailable('no_access', this.target, `Kasir may not write to ${this.target}. Give this user access to the printer (e.g. the lp group).`);
      case 'EBUSY':
        return unavailable('busy', this.target, `The receipt printer at ${this.target} is busy. Try again in a moment.`);
      default:
        return unavailable('failed', this.target, `The receipt printer at ${this.target} could not be used (${errnoCode(e) ?? 'I/O error'}).`, {
          errno: errnoCode(e) ?? 'I/O error',
        });
    }
  }
}

/** The transport the settings describe, or null when no printer is configured. */
export function createPrinterTransport(settings: PrinterSettings, timeoutMs?: number): PrinterTransport | null {
  if (settings.kind === 'tcp' && settings.host) return new TcpPrinter({ host: settings.host, port: settings.port, timeoutMs });
  if (settings.kind === 'device' && settings.path) return new DevicePrinter({ path: settings.path, timeoutMs });
  return null;
}
