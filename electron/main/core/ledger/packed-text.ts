/**
 * Packed text (since v16): JSON that can no longer change — the quote of a
 * closed sale of a closed day, the settled raw of a payment event — stored
 * packed: raw DEFLATE (RFC 1951, node:zlib) with a preset dictionary of the
 * shapes Kasir writes (packed-text-dictionary.ts), in base64, as a JSON
 * string `"<version digit><base64>"`. Lossless: `unpackText` gives back the
 * exact text, so nothing the gateway said and nothing a receipt shows is
 * lost; a 620-character quote takes ~150 characters, a settled SNAP-BI
 * answer ~125.
 *
 * Why a JSON string and not a BLOB: the columns are STRICT `TEXT` with
 * `CHECK (json_valid(…))`, and changing that means rebuilding the biggest
 * tables (and every v15 trigger on them) on every till. Kasir never stores a
 * bare JSON string in these columns (a quote or a raw payload is an object),
 * so a value that starts with `"` is packed. Why a dictionary: one row's
 * JSON is too short for DEFLATE to find its own repeats (a quote packs to
 * 47% alone, 18% with it). SQLite has no compression of its own.
 *
 * SQL sees packed values through two functions every ledger connection
 * registers before migrating (open-ledger.ts): `kasir_pack(x)` (JSON text →
 * packed; packed or NULL as it is) and `kasir_text(x)` (packed → its JSON
 * text; anything else as it is). A statement that reads a packable column
 * with `json_*` goes through `kasir_text`.
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database } from './open-ledger';
import { PACK_DICTIONARY_V1 } from './packed-text-dictionary';

/** The version digit this Kasir writes. */
export const PACK_VERSION = '1';

const DICTIONARIES: Readonly<Record<string, Buffer>> = { '1': Buffer.from(PACK_DICTIONARY_V1, 'utf8') };

/** A packed value this Kasir cannot read: a version from a newer Kasir, or damaged text. */
export class PackedTextError extends Error {
  readonly code = 'LEDGER_PACKED_TEXT';
}

/** Whether a column's text is packed (a JSON string: Kasir's JSON columns otherwise hold objects or arrays). */
export function isPacked(text: string): boolean {
  return text.charCodeAt(0) === 0x22; // '"'
}

/** `text` packed with the current dictionary; packed text is returned as it is. */
export function packText(text: string): string {
  if (isPacked(text)) return text;
  const body = deflateRawSync(Buffer.from(text, 'utf8'), {
    level: constants.Z_BEST_COMPRESSION,
    dictionary: DICTIONARIES[PACK_VERSION],
  });
  return `"${PACK_VERSION}${body.toString('base64').replace(/=+$/, '')}"`;
}

/**
 * The JSON text of a column that may be packed: unpacked text and null as
 * they are. Throws PackedTextError for a version it does not know (written
 * by a newer Kasir?) or text that does not inflate.
 */
export function unpackText<T extends string | null>(value: T): T {
  if (value === null || !isPacked(value)) return value;
  const dictionary = DICTIONARIES[value.charAt(1)];
  if (!dictionary || value.charCodeAt(value.length - 1) !== 0x22) {
    throw new PackedTextError(`packed text of version ${JSON.stringify(value.charAt(1))}: written by a newer Kasir?`);
  }
  try {
    return inflateRawSync(Buffer.from(value.slice(2, -1), 'base64'), { dictionary }).toString('utf8') as T;
  } catch (e) {
    throw new PackedTextError(`packed text does not inflate: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Registers `kasir_pack` and `kasir_text` on one connection (before its migrations run). */
export function registerPackedText(db: Database): void {
  db.function('kasir_pack', { deterministic: true }, (x: unknown) => (typeof x === 'string' ? packText(x) : x));
  db.function('kasir_text', { deterministic: true }, (x: unknown) => (typeof x === 'string' ? unpackText(x) : x));
}
