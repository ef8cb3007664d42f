/**
 * A QRIS (EMVCo merchant-presented) payload for a dynamic charge. It only has
 * to look and parse like the real thing (valid TLVs, valid CRC) and be unique
 * per transaction, because the simulator finds charges by it.
 */

const tlv = (tag: string, value: string): string => `${tag}${String(value.length).padStart(2, '0')}${value}`;

/** CRC-16/CCITT-FALSE, as EMVCo tag 63 requires. */
export function crc16Ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Builds the payload; `acquirer` picks the global-unique id in tag 26. */
export function buildQrisString(opts: {
  transactionId: string;
  merchantId: string;
  amount: number;
  acquirer: string;
  merchantName?: string;
}): string {
  const gui = opts.acquirer.includes('shopee') ? 'ID.CO.SHOPEE.WWW' : 'COM.GO-JEK.WWW';
  const digits = opts.merchantId.replace(/\D/g, '').padEnd(10, '0').slice(0, 10);
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('26', tlv('00', gui) + tlv('01', `93600914${digits}`) + tlv('02', opts.merchantId) + tlv('03', 'UKE')) +
    tlv('51', tlv('00', 'ID.CO.QRIS.WWW') + tlv('02', `ID${digits}`) + tlv('03', 'UKE')) +
    tlv('52', '5814') +
    tlv('53', '360') +
    tlv('54', `${opts.amount}.00`) +
    tlv('58', 'ID') +
    tlv('59', (opts.merchantName ?? 'Kasir Emulator').slice(0, 25)) +
    tlv('60', 'JAKARTA') +
    tlv('61', '10110') +
    tlv('62', tlv('05', opts.transactionId) + tlv('07', 'A01')) +
    '6304';
  return body + crc16Ccitt(body);
}
