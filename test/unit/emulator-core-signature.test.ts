/**
 * The emulator's Core API signature_key against the published vectors, and the
 * published signed notifications themselves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreSignature, formatAmount } from '../../emulator/src/core-api/signature';
import vectors from '../fixtures/samples/core-api/signature-vectors.json';

const sample = (file: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../fixtures/samples/core-api/${file}`, import.meta.url), 'utf8')) as Record<string, string>;

describe('coreSignature', () => {
  it.each(vectors.verified)('reproduces the signature of $file', (v) => {
    expect(coreSignature(v.order_id, v.status_code, v.gross_amount, v.server_key)).toBe(v.signature_key);
    const published = sample(v.file);
    expect(coreSignature(published.order_id ?? '', published.status_code ?? '', published.gross_amount ?? '', v.server_key)).toBe(
      published.signature_key,
    );
  });

  it.each(vectors.negative_checks)('does not match with the amount stripped of decimals ($file)', (n) => {
    const v = vectors.verified.find((x) => x.file === n.file);
    expect(v).toBeDefined();
    if (!v) return;
    expect(coreSignature(v.order_id, v.status_code, n.gross_amount_without_decimals, v.server_key)).not.toBe(v.signature_key);
  });

  it('reproduces the computed docs vector', () => {
    for (const v of vectors.computed) {
      expect(coreSignature(v.order_id, v.status_code, v.gross_amount, v.server_key)).toBe(v.signature_key);
    }
  });

  it('formats integer rupiah with two decimals', () => {
    expect(formatAmount(789000)).toBe('789000.00');
  });
});
