import { describe, expect, it, vi } from 'vitest';

// app:// is served by the shell's protocol handler; Electron is replaced by a
// recorder so the handler itself can be exercised here.
let handler: ((req: Request) => Promise<Response>) | undefined;
const fetched: string[] = [];
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: (_scheme: string, fn: (req: Request) => Promise<Response>) => {
      handler = fn;
    },
  },
  net: {
    fetch: async (url: string) => {
      fetched.push(url);
      return new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } });
    },
  },
}));

const { serveRenderer } = await import('../../electron/main/shell/protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../shared/security/csp');

describe('app:// protocol', () => {
  serveRenderer('/opt/kasir/out/renderer');

  it('serves files from the renderer folder with the CSP on the response itself', async () => {
    const res = await handler!(new Request('app://kasir/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(fetched.at(-1)).toBe('file:///opt/kasir/out/renderer/index.html');
  });

  it.each(['app://kasir/..%2f..%2fetc/passwd', 'app://kasir/%2e%2e/%2e%2e/etc/passwd', 'app://kasir/assets/..%2f..%2f..%2fsecret'])(
    'refuses to leave the renderer folder: %s',
    async (url) => {
      const before = fetched.length;
      const res = await handler!(new Request(url));
      // Either refused, or the URL parser already folded the dots and the file is still inside.
      if (res.status !== 404) expect(fetched.at(-1)).toMatch(/^file:\/\/\/opt\/kasir\/out\/renderer\//);
      else expect(fetched.length).toBe(before);
      expect(fetched.slice(before).every((f) => f.startsWith('file:///opt/kasir/out/renderer/'))).toBe(true);
    },
  );
});
