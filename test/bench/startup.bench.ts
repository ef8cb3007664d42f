/**
 * Bench group `startup`: the browser shell and the app reaching the till with
 * a 500k-payment ledger (H3's generated `year-500k`), and the renderer's bytes.
 *
 * - **Browser shell**: `node out/main/browser-shell.js --headless` (built
 *   JavaScript, as `npm run start:browser` runs it) spawned on a data dir
 *   holding a copy of the ledger; timed from the spawn to its ready line,
 *   which the CLI prints once the first screen a cashier can use is visible
 *   (the till with its catalogue; first-screen.ts). Median of ≥ 3 fresh
 *   processes (fresh Chromium profile each; the ledger is in the page cache —
 *   "cold-ish"). The CLI's own stderr line gives the overlapping parts.
 * - **App main process**: what both shells share, in this process —
 *   `buildServices` on the same ledger, then the calls the till's renderer
 *   makes at start (FIRST_CALLS) — with the embedded emulator (the default
 *   install) and without (sandbox, no keys: cash only), whose difference is
 *   the emulator's start. Electron itself cannot run here, so its window and
 *   page load are not in this figure; the browser shell row has a page load.
 * - **Renderer bytes**: what the till page loads at start (index.html's script,
 *   module preloads and stylesheets), raw and gzip (level 9), and all of
 *   out/renderer's JS + CSS beside it (the back-office screens load on demand).
 *
 * Needs `npm run build` first; rows say so when out/ is missing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildServices } from '../../electron/main/core/container';
import { silentLogger } from '../../electron/main/core/logger';
import { resolveWorkerEntry } from '../../electron/main/core/emulator-host/emulator-host';
import { MemorySecretStore } from '../../electron/main/core/secrets/memory-secret-store';
import { yes, type BenchContext, type BenchRow } from './bench-group';
import { copyGeneratedLedger, generatedLedger, type GeneratedLedger } from './ledger-generator';
import { allRendererAssets, bytesOf, tillStartFiles } from './renderer-bytes';
import { fmt, percentile } from './stats';

const ROOT = join(import.meta.dirname, '../..');
const SHELL_JS = join(ROOT, 'out/main/browser-shell.js');
const RENDERER = join(ROOT, 'out/renderer');

/** The calls the till's renderer makes before its first screen (seen with a spy on the router). */
export const FIRST_CALLS = ['app.info', 'session.current', 'app.connection', 'sales.latePayments', 'catalog.list', 'sales.current'] as const;

/** The year the issue names: 365 days × ~1,370 payments (≈500k). */
export const STARTUP_LEDGER = { name: 'year-500k', days: 365, paymentsPerDay: 1370 } as const;

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

function rendererRow(): BenchRow {
  const metric = 'renderer bytes raw / gzip (till start; kB)';
  const target = '≤ 600 kB raw';
  if (!existsSync(join(RENDERER, 'index.html'))) return { metric, p50: '—', p95: '—', detail: 'out/renderer missing: run `npm run build` first', target, met: 'NOT MET' };
  const start = bytesOf(tillStartFiles(RENDERER));
  const all = bytesOf(allRendererAssets(RENDERER));
  return {
    metric,
    p50: `${kB(start.raw)} / ${kB(start.gzip)}`,
    p95: '—',
    detail:
      `what index.html loads (${tillStartFiles(RENDERER).map((f) => f.split('/').pop()).join(', ')}), minified; ` +
      `all of out/renderer JS+CSS ${kB(all.raw)} raw / ${kB(all.gzip)} gzip (back-office screens are lazy chunks)`,
    target,
    met: yes(start.raw <= 600_000),
  };
}

/** A fresh data dir holding a copy of the ledger (2.6 GB before H1's slimming: copied once per group run). */
function dataDirWith(ledger: GeneratedLedger): string {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-bench-startup-'));
  copyGeneratedLedger(ledger, join(dir, 'kasir.sqlite'));
  return dir;
}

/** settings.json in `dir` (or none). */
function useSettings(dir: string, settings: Record<string, unknown> | null): void {
  rmSync(join(dir, 'settings.json'), { force: true });
  if (settings) writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
}

/** One start of the built shell: ms from spawn to the ready line, and the CLI's own account of its parts. */
async function startBuiltShell(dataDir: string): Promise<{ readyMs: number; parts: string }> {
  // A developer's own KASIR_* must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KASIR_')));
  const began = performance.now();
  const child = spawn(process.execPath, [SHELL_JS, '--headless', '--data-dir', dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let parts = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const line = stderr.split('\n').find((l) => l.includes('"msg":"browser shell'));
    if (line && !parts) {
      const j = JSON.parse(line) as { sinceProcessStartMs: number; launch: Record<string, number> };
      parts = `in-process ${j.sinceProcessStartMs} ms; since launch: ${Object.entries(j.launch).map(([k, v]) => `${k} ${v}`).join(', ')}`;
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (line) => (line.startsWith('{"ready":true') ? resolve() : reject(new Error(`not a ready line: ${line}`))));
      void exited.then(() => reject(new Error(`browser shell exited before its ready line; stderr:\n${stderr.slice(-1500)}`)));
    });
    return { readyMs: performance.now() - began, parts };
  } finally {
    child.kill('SIGTERM');
    const hung = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(hung);
  }
}

/** buildServices on the ledger, then the renderer's first calls; ms for each and in all. */
async function startServices(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ build: number; calls: number }> {
  const began = performance.now();
  const services = await buildServices({ shell: 'browser', version: 'bench', dataDir, secretStore: new MemorySecretStore(), logger: silentLogger, env });
  const built = performance.now();
  try {
    for (const channel of FIRST_CALLS) {
      const r = (await services.router.dispatch(channel, undefined, { id: 'page-1' })) as { ok: boolean; code?: string };
      // A session gate (no owner yet on a fresh sandbox till) is an answer the renderer acts on; anything else is a failure.
      if (!r.ok && !/^(SIGN_IN|OWNER)_REQUIRED$/.test(r.code ?? '')) throw new Error(`${channel} answered ${r.code}`);
    }
    return { build: built - began, calls: performance.now() - built };
  } finally {
    await services.close();
  }
}

const median = (xs: number[]): number => percentile(xs, 50);

/** Group `startup`. */
export async function runStartup(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const runs = ctx.quick ? 1 : 3;
  // BENCH_STARTUP_LEDGER=<file>: start on that ledger instead (e.g. while the generator is being changed).
  const given = process.env.BENCH_STARTUP_LEDGER;
  const ledger: GeneratedLedger = given
    ? { file: given, payments: NaN, days: NaN, busiestDay: '', zone: '', bytes: statSync(given).size }
    : await generatedLedger({ ...STARTUP_LEDGER, log: ctx.log });
  const ledgerNote = `${given ? `ledger ${given}` : `${ledger.payments.toLocaleString('en')} payments`}, ${(ledger.bytes / 1e6).toFixed(0)} MB`;
  // One copy for every start: each start closes it cleanly, and restarts are what a till does every morning.
  const dir = dataDirWith(ledger);
  try {
    // The built browser shell, from outside.
    const shellMetric = 'start-up, browser shell, 500k ledger (ms, spawn → till visible)';
    if (!existsSync(SHELL_JS)) {
      rows.push({ metric: shellMetric, p50: '—', p95: '—', detail: 'out/main/browser-shell.js missing: run `npm run build` first', target: '≤ 1.0 s', met: 'NOT MET' });
    } else {
      // Not counted: the first start on a data dir is the install (the emulator makes its CA and keys).
      await startBuiltShell(dir);
      const times: number[] = [];
      let parts = '';
      for (let i = 0; i < runs; i++) {
        const r = await startBuiltShell(dir);
        times.push(r.readyMs);
        parts = r.parts;
      }
      ctx.log(`startup: browser shell ${times.map((t) => fmt(t, 0)).join(', ')} ms`);
      rows.push({
        metric: shellMetric,
        p50: fmt(median(times), 0),
        p95: fmt(Math.max(...times), 0),
        detail: `median of ${runs} fresh processes after one uncounted first start (p95 column: slowest), embedded emulator, ${ledgerNote}; last run: ${parts}`,
        target: '≤ 1.0 s',
        met: yes(median(times) <= 1000),
      });
    }

    // The main-process part both shells share, with and without the embedded emulator.
    const measure = async (settings: Record<string, unknown> | null): Promise<{ build: number[]; total: number[]; calls: number[] }> => {
      useSettings(dir, settings);
      const out = { build: [] as number[], total: [] as number[], calls: [] as number[] };
      for (let i = 0; i < runs; i++) {
        const r = await startServices(dir, {});
        out.build.push(r.build);
        out.calls.push(r.calls);
        out.total.push(r.build + r.calls);
      }
      return out;
    };
    // From source, the emulator worker runs out/main/emulator-worker.js only while that bundle is
    // newer than the emulator's sources; else it compiles them through tsx (~0.5 s more per start),
    // which is no start the app ever makes: the row says so rather than measure it.
    const staleWorker = resolveWorkerEntry().eval;
    const withEmulator = await measure(null);
    const withoutEmulator = await measure({ gateway: 'sandbox', webhook: { port: 0 } });
    rows.push({
      metric: 'start-up, app main process (buildServices → till data), 500k ledger (ms)',
      p50: fmt(median(withEmulator.total), 0),
      p95: fmt(Math.max(...withEmulator.total), 0),
      detail:
        `median of ${runs}, in the bench process (modules already loaded; Electron cannot run here, so no window): ` +
        `buildServices ${fmt(median(withEmulator.build), 0)} + first calls ${fmt(median(withEmulator.calls), 1)} ms with the embedded emulator; ` +
        `without it (sandbox, no keys) ${fmt(median(withoutEmulator.total), 0)} ms — the emulator's start costs ≈ ${fmt(median(withEmulator.total) - median(withoutEmulator.total), 0)} ms; ${ledgerNote}` +
        (staleWorker ? '; NOT COUNTED: out/main/emulator-worker.js is older than the emulator sources, so the worker compiled them through tsx — run `npm run build` first' : ''),
      target: '≤ 1.0 s',
      met: staleWorker ? 'NOT MET' : yes(median(withEmulator.total) <= 1000),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  rows.push(rendererRow());
  return rows;
}
