/** Thermal receipt printing: layout, ESC/POS encoding, transports and the service. */
export { ReceiptService, type ReceiptServiceDeps, type PrintResult } from './receipt-service';
export { createPrinterTransport, TcpPrinter, DevicePrinter, type PrinterTransport } from './printer-transport';
export { printerSettingsSchema, NO_PRINTER, type PrinterSettings } from './printer-settings';
export { layoutReceipt, type ReceiptLine, type ReceiptLanguage } from './receipt-layout';
export { encodeDrawerKick, encodeReceipt } from './escpos-encoder';
export { layoutSaleReceipt, type SaleReceiptInput } from './sale-receipt-layout';
