/**
 * `npm run bench` — every benchmark group, one table with each target beside
 * its figure and whether it was met. Not a test. `npm run bench -- <group>…`
 * runs only those groups (none named: all of them). BENCH_QUICK=1 gives a
 * smoke-sized run whose numbers are not comparable with the targets.
 *
 * Engine groups run against one in-process emulator over real HTTPS with a
 * real SQLite file (synchronous=FULL); credentials go through an in-memory
 * SecretStore, so the bench needs no keychain. Generated ledgers are cached
 * in `.bench-cache/` (git-ignored), keyed by generator version.
 */
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import type { BenchContext, BenchGroupRun, BenchRow } from './bench-group';
import { browserShellBench } from './browser-shell.bench';
import { runCharge, runNotify } from './charge.bench';
import { runClient } from './client.bench';
import { runEmbedded } from './embedded.bench';
import { runLedger } from './ledger.bench';
import { runListener } from './listener.bench';
import { runPolling } from './polling.bench';
import { runReports } from './reports.bench';
import { runStartup } from './startup.bench';
import { fmt } from './stats';

const QUICK = process.env.BENCH_QUICK === '1';
const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

/** The groups, in the order `npm run bench` runs them. */
const GROUPS: Record<string, BenchGroupRun> = {
  charge: runCharge,
  notify: runNotify,
  client: runClient,
  listener: runListener,
  polling: runPolling,
  ledger: runLedger,
  reports: runReports,
  embedded: runEmbedded,
  startup: runStartup,
  shell: async (ctx) => browserShellBench({ sales: ctx.quick ? 30 : 40, log: ctx.log }),
};

function chosenGroups(args: readonly string[]): string[] {
  const unknown = args.filter((a) => !(a in GROUPS));
  if (unknown.length) throw new Error(`unknown bench group ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}`);
  return args.length ? Object.keys(GROUPS).filter((g) => args.includes(g)) : Object.keys(GROUPS);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const groups = chosenGroups(process.argv.slice(2));
  const shared: { emulator: Promise<RunningEmulator> | null } = { emulator: null };
  const ctx: BenchContext = { quick: QUICK, log, emulator: () => (shared.emulator ??= startEmulator({ persist: false })) };
  const rows: BenchRow[] = [];
  const seconds: string[] = [];
  try {
    for (const g of groups) {
      const g0 = performance.now();
      rows.push(...(await GROUPS[g]!(ctx)));
      seconds.push(`${g} ${fmt((performance.now() - g0) / 1000, 1)} s`);
      log(`${g} done`);
    }
  } finally {
    if (shared.emulator) await (await shared.emulator).close();
  }
  process.stdout.write(
    `\nKasir benchmark (${QUICK ? 'quick' : 'full'}; Node ${process.version}; ${fmt((performance.now() - t0) / 1000, 1)} s: ${seconds.join(', ')})\n`,
  );
  console.table(rows.map(({ detail: _detail, ...r }) => r));
  process.stdout.write(`${rows.map((r) => `  ${r.metric}: ${r.detail}`).join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
