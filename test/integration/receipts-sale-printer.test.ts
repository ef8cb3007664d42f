/**
 * A sale's receipt and the cash drawer kick against a REAL TCP printer
 * stand-in on 127.0.0.1 (test/fixtures/printer-capture.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/main/core/logger';
import { encodeDrawerKick, layoutSaleReceipt, ReceiptService, TcpPrinter, type PrinterTransport } from '../../electron/main/core/receipts';
import { startCapturePrinter, type CapturePrinter } from '../fixtures/printer-capture';
import { rejection } from '../fixtures/failure';
import { cafeCashSale } from '../fixtures/receipt-sales';

const ESC = 0x1b;
const GS = 0x1d;

function service(transport: PrinterTransport | null, columns = 32, codepage?: string) {
  return new ReceiptService({
    payments: { get: () => { throw new Error('a sale receipt reads no payment'); } },
    shopName: 'Kafe Senja',
    zone: 'Asia/Jakarta',
    printer: { columns, codepage },
    transport,
    logger: silentLogger,
  });
}

const receipt = (svc: ReceiptService, copy = false) =>
  layoutSaleReceipt({ shopName: 'Kafe Senja', zone: 'Asia/Jakarta', npwp: null, sale: cafeCashSale(), copy, demo: true }, 'id', svc.columns);

/** Index of `needle` in `bytes`, or -1. */
function indexOf(bytes: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('a sale receipt on a TCP receipt printer', () => {
  let printer: CapturePrinter | undefined;
  afterEach(async () => {
    await printer?.close();
    printer = undefined;
  });

  it.each([32, 48])('prints the laid-out sale receipt (%i columns) as one ESC/POS job ending in a cut', async (columns) => {
    printer = await startCapturePrinter();
    const svc = service(new TcpPrinter({ host: '127.0.0.1', port: printer.port }), columns);
    expect(svc.columns).toBe(columns);
    const lines = receipt(svc, true);
    const res = await svc.printLines(lines);
    const job = await printer.nextJob();
    expect(res).toEqual({ printed: true, bytes: job.length });
    expect([...job.subarray(0, 2)]).toEqual([ESC, 0x40]);
    const text = job.toString('latin1');
    for (const line of lines) if (line.align === 'left') expect(text).toContain(line.text);
    expect(text).toContain('SALINAN');
    expect(text).toContain('Pembulatan' + '-Rp 107'.padStart(columns - 'Pembulatan'.length));
    expect(text).toContain('Kembali' + 'Rp 31.500'.padStart(columns - 'Kembali'.length));
    expect(indexOf(job, [GS, 0x56])).toBeGreaterThan(text.lastIndexOf('Terima kasih!'));
    expect(indexOf(job, [ESC, 0x70])).toBe(-1); // printing never opens the drawer
  });

  it('kicks the drawer with ESC p on pin 2 (100 ms on, 500 ms off): initialize and pulse only, no text, no cut', async () => {
    printer = await startCapturePrinter();
    await service(new TcpPrinter({ host: '127.0.0.1', port: printer.port })).kickDrawer();
    const job = await printer.nextJob();
    expect([...job]).toEqual([...encodeDrawerKick()]);
    expect([...job.subarray(0, 2)]).toEqual([ESC, 0x40]);
    expect([...job.subarray(-5)]).toEqual([ESC, 0x70, 0, 50, 250]);
    expect(indexOf(job, [GS, 0x56])).toBe(-1);
    expect(job.includes(0x0a)).toBe(false); // no line feed: not a scrap of paper
  });

  it('queues receipts and kicks in the order asked, never interleaved', async () => {
    printer = await startCapturePrinter();
    const svc = service(new TcpPrinter({ host: '127.0.0.1', port: printer.port }));
    const [printed] = await Promise.all([svc.printLines(receipt(svc)), svc.kickDrawer(), svc.printLines(receipt(svc, true))]);
    await printer.nextJob();
    await printer.nextJob();
    await printer.nextJob();
    expect(printer.jobs[0]!.length).toBe(printed.bytes);
    expect(printer.jobs[0]!.toString('latin1')).not.toContain('SALINAN');
    expect([...printer.jobs[1]!]).toEqual([...encodeDrawerKick()]);
    expect(printer.jobs[2]!.toString('latin1')).toContain('SALINAN');
  });

  it('prints the demo banner\'s dash as "-" on a fixed code page that has none', async () => {
    printer = await startCapturePrinter();
    const svc = service(new TcpPrinter({ host: '127.0.0.1', port: printer.port }), 32, 'cp858');
    await svc.printLines(receipt(svc));
    expect((await printer.nextJob()).toString('latin1')).toContain('DEMO - bukan uang sungguhan');
  });

  it('without a printer both are a typed error, and the on-screen receipt is laid out for 32 columns', async () => {
    const svc = service(null, 48);
    expect(svc.columns).toBe(32);
    expect(await rejection(svc.printLines(receipt(svc)))).toMatchObject({ code: 'PRINTER_UNAVAILABLE', params: { reason: 'not_set_up' } });
    expect(await rejection(svc.kickDrawer())).toMatchObject({ code: 'PRINTER_UNAVAILABLE', params: { reason: 'not_set_up' } });
  });
});
