/**
 * The QR encoder, loaded on first use: only a QR image needs it, and leaving
 * it out of module loading keeps ~50 ms off every start of the emulator.
 */
import type QRCodeModule from 'qrcode';

let loading: Promise<typeof QRCodeModule> | null = null;

/** The `qrcode` module (imported once, then cached). */
export function loadQrCode(): Promise<typeof QRCodeModule> {
  return (loading ??= import('qrcode').then((m) => m.default));
}
