/**
 * Thermal receipts against a REAL TCP printer stand-in on 127.0.0.1 (see
 * test/fixtures/printer-capture.ts) and a real device-like file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentView } from '../../shared/contract/schemas';
import { silentLogger } from '../../electron/main/core/logger';
import { DevicePrinter, TcpPrinter, type PrinterTransport } from '../../electron/main/core/receipts/printer-transport';
import { ReceiptService } from '../../electron/main/core/receipts/receipt-service';
import { closedPort, startCapturePrinter, type CapturePrinter } from '../fixtures/printer-capture';
import { rejection } from '../fixtures/failure';

const payment: PaymentView = {
  id: 'PAY-1',
  orderId: 'ORD-0123456789ABCDEF',
  method: 'cash',
  status: 'settlement',
  amount: 44_000,
  refundedAmount: 0,
  action: { kind: 'cash' },
  createdAt: '2026-11-26T03:00:00.000Z',
  updatedAt: '2026-11-26T03:00:01.000Z',
  expiresAt: null,
  lastSource: 'manual',
  referenceNo: null,
  items: [
    { sku: 'NASI', name: 'Nasi Goreng', price: 28_000, quantity: 1 },
    { sku: 'TEH', name: 'Es Teh Manis', price: 8_000, quantity: 2 },
  ],
};

function service(transport: PrinterTransport | null, view: PaymentView = payment) {
  return new ReceiptService({
    payments: { get: () => view },
    shopName: 'Warung Kopi Senja',
    zone: 'Asia/Jakarta',
    printer: { columns: 32 },
    transport,
    logger: silentLogger,
  });
}


describe('printing on a TCP receipt printer', () => {
  let printer: CapturePrinter | undefined;
  afterEach(async () => {
    await printer?.close();
    printer = undefined;
  });

  it('sends the whole ESC/POS job and reports the byte count', async () => {
    printer = await startCapturePrinter();
    const res = await service(new TcpPrinter({ host: '127.0.0.1', port: printer.port })).print('PAY-1', 'id');
    const job = await printer.nextJob();
    expect(res).toEqual({ printed: true, bytes: job.length });
    expect([...job.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    const text = job.toString('latin1');
    expect(text).toContain('ORD-0123456789ABCDEF');
    expect(text).toContain('Rp 44.000');
    expect(text).toContain('LUNAS');
    expect(text).toContain('\u001dV'); // cut
  });

  it('prints two receipts asked for at once one after the other, never interleaved', async () => {
    printer = await startCapturePrinter();
    const svc = service(new TcpPrinter({ host: '127.0.0.1', port: printer.port }));
    const [a, b] = await Promise.all([svc.print('PAY-1', 'id'), svc.print('PAY-1', 'en')]);
    await printer.nextJob();
    await printer.nextJob();
    expect(printer.jobs.map((j) => j.length)).toEqual([a.bytes, b.bytes]);
    expect(printer.jobs[0]!.toString('latin1')).toContain('LUNAS');
    expect(printer.jobs[1]!.toString('latin1')).toContain('PAID');
  });

  it('an offline printer is a typed error that says so', async () => {
    const port = await closedPort();
    const e = await rejection(service(new TcpPrinter({ host: '127.0.0.1', port })).print('PAY-1', 'id'));
    expect(e.code).toBe('PRINTER_UNAVAILABLE');
    expect(e.message).toBe(`The receipt printer at 127.0.0.1:${port} is offline (connection refused). Check that it is switched on.`);
  });

  it('a printer that never answers times out with a typed error (and a failed job does not block the next)', async () => {
    printer = await startCapturePrinter('silent');
    const svc = service(new TcpPrinter({ host: '127.0.0.1', port: printer.port, timeoutMs: 150 }));
    const e = await rejection(svc.print('PAY-1', 'id'));
    expect(e.code).toBe('PRINTER_UNAVAILABLE');
    expect(e.message).toMatch(/did not confirm within 0\.15 s\. Check whether it printed before printing again\.$/);
    expect(await rejection(svc.print('PAY-1', 'id'))).toMatchObject({ code: 'PRINTER_UNAVAILABLE' });
  });

  it('refuses an unpaid payment before touching the printer', async () => {
    const send = vi.fn(() => Promise.resolve());
    const e = await rejection(service({ target: 'fake', send }, { ...payment, status: 'pending' }).print('PAY-1', 'id'));
    expect(e.code).toBe('ILLEGAL_TRANSITION');
    expect(e.message).toContain('ORD-0123456789ABCDEF is not paid (pending)');
    expect(send).not.toHaveBeenCalled();
  });

  it('without a printer the answer is a typed error', async () => {
    expect(await rejection(service(null).print('PAY-1', 'id'))).toMatchObject({ code: 'PRINTER_UNAVAILABLE' });
  });
});

describe('printing on a device file', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('writes the job to the device', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-lp-'));
    const device = join(dir, 'lp0');
    writeFileSync(device, ''); // the device node exists while the printer is plugged in
    const res = await service(new DevicePrinter({ path: device })).print('PAY-1', 'en');
    const written = readFileSync(device);
    expect(res.bytes).toBe(written.length);
    expect(written.toString('latin1')).toContain('Thank you!');
  });

  it('an unplugged printer (no device node) is a typed error, and no file appears in its place', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-lp-'));
    const device = join(dir, 'lp0');
    const e = await rejection(service(new DevicePrinter({ path: device })).print('PAY-1', 'id'));
    expect(e).toMatchObject({ code: 'PRINTER_UNAVAILABLE', message: `No receipt printer is connected at ${device}. Check the USB cable and power.` });
    expect(() => readFileSync(device)).toThrow();
  });
});
