/**
 * A QRIS (EMVCo merchant-presented) payload for a dynamic charge. It only has
 * to look and parse like the real thing (valid TLVs, valid CRC) and be unique
 * per transaction, because the simulator finds charges by it.
 */

const tlv = (tag: string, value: string): string => `${tag}${String(value.length).padStart(2, '0')}${value}`;

/** CRC-16/CCITT-FALSE of every byte value: a byte a step, not a bit (every charge computes one). */
const CRC_TABLE = Uint16Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 8;
  for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  return crc;
});

/** CRC-16/CCITT-FALSE, as EMVCo tag 63 requires. */
export function crc16Ccitt(text: string): string {
  return hex4(crcUpdate(0xffff, text));
}

const hex4 = (crc: number): string => crc.toString(16).toUpperCase().padStart(4, '0');

/** Feeds `text`'s UTF-8 bytes into a running CRC (so a cached prefix need not be hashed again). */
function crcUpdate(start: number, text: string): number {
  let crc = start;
  // ASCII payloads (the usual case) skip the UTF-8 copy.
  const bytes = /^[\x00-\x7f]*$/.test(text) ? undefined : Buffer.from(text, 'utf8');
  const n = bytes ? bytes.length : text.length;
  for (let i = 0; i < n; i++) {
    const byte = bytes ? (bytes[i] as number) : text.charCodeAt(i);
    crc = ((crc << 8) & 0xffff) ^ (CRC_TABLE[((crc >> 8) ^ byte) & 0xff] as number);
  }
  return crc;
}

/** The top-level EMVCo TLV fields of `payload` (undefined when it does not parse). */
function tlvFields(payload: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let i = 0;
  while (i < payload.length) {
    const tag = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    if (tag.length < 2 || !Number.isInteger(len) || i + 4 + len > payload.length) return undefined;
    out.set(tag, payload.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

/**
 * The transaction id a payload built by {@link buildQrisString} carries
 * (tag 62, sub-tag 05), so a scanned QR string is found by id rather than
 * through an index of whole QR strings; undefined for any other payload.
 */
export function qrisTransactionId(payload: string): string | undefined {
  const additional = tlvFields(payload)?.get('62');
  return additional === undefined ? undefined : tlvFields(additional)?.get('05');
}

/** The fields before the amount, per merchant and acquirer, with their CRC so far. */
interface Prefix {
  text: string;
  crc: number;
}

/** Few keys (one merchant id, a handful of acquirers); the cap only guards odd callers. */
const PREFIX_CACHE_MAX = 64;
const prefixes = new Map<string, Prefix>();

function prefixFor(merchantId: string, acquirer: string): Prefix {
  const gui = acquirer.includes('shopee') ? 'ID.CO.SHOPEE.WWW' : 'COM.GO-JEK.WWW';
  const key = `${gui}\u0000${merchantId}`;
  let p = prefixes.get(key);
  if (!p) {
    const digits = merchantId.replace(/\D/g, '').padEnd(10, '0').slice(0, 10);
    const text =
      tlv('00', '01') +
      tlv('01', '12') +
      tlv('26', tlv('00', gui) + tlv('01', `93600914${digits}`) + tlv('02', merchantId) + tlv('03', 'UKE')) +
      tlv('51', tlv('00', 'ID.CO.QRIS.WWW') + tlv('02', `ID${digits}`) + tlv('03', 'UKE')) +
      tlv('52', '5814') +
      tlv('53', '360');
    p = { text, crc: crcUpdate(0xffff, text) };
    if (prefixes.size >= PREFIX_CACHE_MAX) prefixes.clear();
    prefixes.set(key, p);
  }
  return p;
}

/** Builds the payload; `acquirer` picks the global-unique id in tag 26. */
export function buildQrisString(opts: {
  transactionId: string;
  merchantId: string;
  amount: number;
  acquirer: string;
  merchantName?: string;
}): string {
  const prefix = prefixFor(opts.merchantId, opts.acquirer);
  const rest =
    tlv('54', `${opts.amount}.00`) +
    tlv('58', 'ID') +
    tlv('59', (opts.merchantName ?? 'Kasir Emulator').slice(0, 25)) +
    tlv('60', 'JAKARTA') +
    tlv('61', '10110') +
    tlv('62', tlv('05', opts.transactionId) + tlv('07', 'A01')) +
    '6304';
  return prefix.text + rest + hex4(crcUpdate(prefix.crc, rest));
}
