/** Core API Basic auth, and the per-key checker that remembers accepted Authorization values. */
import { describe, expect, it } from 'vitest';
import { checkServerKey, createServerKeyCheck } from '../../emulator/src/core-api/auth';
import type { EmuRequest } from '../../emulator/src/types';

const KEY = 'SB-Mid-server-abc123';
const req = (authorization?: string): EmuRequest =>
  ({ method: 'POST', path: '/v2/charge', query: new URLSearchParams(), headers: authorization === undefined ? {} : { authorization }, raw: Buffer.alloc(0), params: {} }) as EmuRequest;
const basic = (user: string, password = ''): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Core API server key check', () => {
  it('accepts the server key as user name, any password, any case of "Basic"', () => {
    expect(checkServerKey(req(basic(KEY)), KEY)).toBeUndefined();
    expect(checkServerKey(req(basic(KEY, 'ignored')), KEY)).toBeUndefined();
    expect(checkServerKey(req(`basic ${Buffer.from(`${KEY}:`).toString('base64')}`), KEY)).toBeUndefined();
  });

  it('answers 401 to a missing, malformed or wrong key', () => {
    for (const h of [undefined, '', 'Bearer x', basic('SB-Mid-server-abc12'), basic(`${KEY}x`)]) {
      expect(checkServerKey(req(h), KEY)?.status).toBe(401);
    }
  });

  it('the remembering checker gives the same answers, repeated and interleaved', () => {
    const check = createServerKeyCheck(KEY);
    for (let i = 0; i < 3; i++) {
      expect(check(req(basic(KEY)))).toBeUndefined();
      expect(check(req(basic('SB-Mid-server-wrong')))?.status).toBe(401);
      expect(check(req()))?.toMatchObject({ status: 401 });
    }
    // More distinct accepted values than it remembers: still all accepted.
    for (let i = 0; i < 40; i++) expect(check(req(basic(KEY, `p${i}`)))).toBeUndefined();
    expect(check(req(basic('nope')))?.status).toBe(401);
  });
});
