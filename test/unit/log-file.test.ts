import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSink } from '../../electron/main/core/log-file';
import { createLogger } from '../../electron/main/core/logger';

describe('log file sink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-log-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes scoped JSON lines with secrets redacted, and rotates once past the limit', () => {
    const file = join(dir, 'logs', 'kasir.log');
    const log = createLogger('kasir', { sink: createFileSink(file, { maxBytes: 300 }) });
    log.scope('gateway').info('charge', { orderId: 'K-1', serverKey: 'SB-Mid-server-secret' });
    const first = JSON.parse(readFileSync(file, 'utf8').trim()) as Record<string, unknown>;
    expect(first).toMatchObject({ level: 'info', scope: 'kasir.gateway', msg: 'charge', orderId: 'K-1', serverKey: '[redacted]' });
    for (let i = 0; i < 10; i++) log.info('filler', { i });
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(readFileSync(`${file}.1`, 'utf8')).not.toContain('SB-Mid-server-secret');
  });
});

describe('redaction depth', () => {
  it('never passes a deeply nested object through unchecked', async () => {
    const { redact } = await import('../../electron/main/core/logger');
    const deep = { a: { b: { c: { d: { e: { f: { serverKey: 'SB-Mid-server-deep' } } } } } } };
    expect(JSON.stringify(redact(deep))).not.toContain('SB-Mid-server-deep');
  });
});
