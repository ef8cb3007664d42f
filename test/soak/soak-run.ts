/**
 * One soak run: an emulator process that lives through it all, and a till
 * child per cycle that works until it is SIGKILLed at a seeded moment; while
 * it is down customers pay, charges expire and time passes. After the last
 * cycle one more till starts, recovers and is driven (both clocks, in steps)
 * until nothing is in flight; then its ledger is read and compared with the
 * emulator (soak-truth.ts).
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import type { PaymentRow, RefundRow } from '../../electron/main/core/ledger/rows';
import { emulatorSecretValues } from '../../electron/main/core/secrets/emulator-credentials';
import { KeytarSecretStore } from '../../electron/main/core/secrets/keytar-secret-store';
import type { SecretName } from '../../electron/main/core/secrets/secret-store';
import { startEmulatorProcess, type EmulatorProcess, type EmuTransaction } from './emulator-process';
import { Prng } from './prng';
import { compareWithEmulator, type SoakFindings } from './soak-truth';
import { customersFinish, customersWhileDown, randomKillPlan, randomOp, randomRouting, SoakStats, type KillPlan } from './soak-workload';
import type { TillChildConfig } from './till-child';
import { spawnTill, type TillProcess } from './till-process';
import { prepareTillScript, type TillScript } from './till-script';

/** What a run is given. */
export interface SoakOptions {
  repo: string;
  /** A scratch directory the run owns. */
  root: string;
  seed: number;
  cycles: number;
  /** Most operations a till does before it is killed anyway (default 24). */
  maxOpsPerCycle?: number;
  /** Probability that a refund or cancel loses its reply after the emulator processed it. */
  lostReplyRate?: number;
  log?: (line: string) => void;
}

/** What a run found. */
export interface SoakResult {
  findings: SoakFindings;
  /** `error` lines the tills printed (recovery that threw). */
  tillErrors: string[];
  /** Cashier operations answered with INTERNAL or a non-Kasir error. */
  internalErrors: string[];
  payments: number;
  refunds: number;
  transactions: number;
  summary: string;
}

/** A free TCP port on 127.0.0.1 (every till of the run binds it again, as a restarted till would). */
async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const addr = srv.address();
  srv.close();
  await once(srv, 'close');
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

const describePlan = (p: KillPlan): string =>
  p.kind === 'timer' ? `timer ${p.afterMs} ms` : p.kind === 'after-op' ? `after op ${p.op}` : `${p.hook.kind === 'gateway' ? p.hook.call : 'notification'} #${p.hook.nth} ${p.hook.phase}`;

/** See the module doc. */
export class SoakRun {
  private readonly rng: Prng;
  private readonly stats = new SoakStats();
  private readonly log: (line: string) => void;
  private readonly keychainService = `kasir-soak-${randomUUID()}`;
  private readonly secrets: KeytarSecretStore;
  private readonly stored: SecretName[] = [];
  private readonly ledgerFile: string;
  private emu: EmulatorProcess | null = null;
  private till: TillProcess | null = null;
  private port = 0;
  private script: TillScript | null = null;
  private spawned = 0;
  private readonly tillErrors: string[] = [];

  constructor(private readonly opts: SoakOptions) {
    this.rng = new Prng(opts.seed);
    this.log = opts.log ?? (() => {});
    this.secrets = new KeytarSecretStore({ service: this.keychainService });
    this.ledgerFile = join(opts.root, 'till', 'kasir.sqlite');
  }

  /** Runs every cycle and the final reconciliation; always cleans up. */
  async run(): Promise<SoakResult> {
    const started = Date.now();
    try {
      mkdirSync(dirname(this.ledgerFile), { recursive: true });
      this.script = await prepareTillScript(this.opts.repo);
      this.port = await freePort();
      this.emu = await startEmulatorProcess({
        repo: this.opts.repo, stateDir: join(this.opts.root, 'emulator'), notificationUrl: `http://127.0.0.1:${this.port}`,
      });
      for (const [name, value] of Object.entries(emulatorSecretValues(this.emu.credentials))) {
        await this.secrets.set('emulator', name as SecretName, value);
        this.stored.push(name as SecretName);
      }
      for (let i = 1; i <= this.opts.cycles; i++) await this.cycle(i);
      return await this.finish(started);
    } finally {
      await this.till?.kill();
      await this.emu?.stop();
      this.script?.dispose();
      for (const name of this.stored) await this.secrets.delete('emulator', name).catch(() => {});
    }
  }

  private spawn(kill: TillChildConfig['kill']): TillProcess {
    const emu = this.emu!;
    // One nudge at a time: 5 s on the emulator's clock, then the till's follows.
    let nudging: Promise<unknown> = Promise.resolve();
    const onWaiting = (): void => {
      nudging = nudging.then(async () => {
        this.stats.count(this.stats.ops, 'clock-nudge:ok');
        await emu.advance(5);
        till.clock(emu.now());
      }).catch((e: unknown) => this.tillErrors.push(`clock nudge failed: ${String(e)}`));
    };
    const till = spawnTill({
      onWaiting,
      repo: this.opts.repo,
      nodeArgs: this.script!.nodeArgs,
      cfgFile: join(this.opts.root, `till-${++this.spawned}.json`),
      cfg: {
        ledgerFile: this.ledgerFile,
        listenerPort: this.port,
        coreApiUrl: emu.urls.coreApiUrl,
        snapBiUrl: emu.urls.snapBiUrl,
        caCertPem: emu.caCertPem,
        keychainService: this.keychainService,
        snapMerchantId: emu.credentials.snapBi.merchantId,
        routing: randomRouting(this.rng),
        clockStartMs: emu.now(),
        kill,
      },
    });
    this.till = till;
    return till;
  }

  /** One till life: start, work, die at the planned moment; then the customers' turn. */
  private async cycle(i: number): Promise<void> {
    const emu = this.emu!;
    const maxOps = this.opts.maxOpsPerCycle ?? 24;
    const plan = randomKillPlan(this.rng, maxOps);
    const till = this.spawn(plan.kind === 'hook' ? plan.hook : null);
    this.log(`cycle ${i}: pid ${till.pid}, planned ${describePlan(plan)}`);
    try {
      await till.ready;
    } catch (e) {
      // Killed at its hook while recovering, before it printed `ready`: that is a kill like any other.
      if (!till.hooked()) throw e;
    }
    const workStart = Date.now();
    const timer = plan.kind === 'timer' ? setTimeout(() => void till.kill(), plan.afterMs) : null;
    try {
      // Work until the planned kill lands (a hook reached, the timer fired) or the op budget is spent.
      for (let n = 1; n <= maxOps && till.alive(); n++) {
        await randomOp({ emu, till, rng: this.rng, stats: this.stats, lostReplyRate: this.opts.lostReplyRate ?? 0.15 });
        if (plan.kind === 'after-op' && plan.op === n) break;
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
    const workedMs = Date.now() - workStart;
    if (!till.alive() && !till.killedByUs()) {
      throw new Error(`cycle ${i}: the till died on its own (${till.exitStatus()})\n${till.diagnostics()}`);
    }
    const how = !till.alive() ? (till.hooked() ? 'hook' : 'timer') : 'end';
    await till.kill();
    for (const e of till.errors()) this.tillErrors.push(`cycle ${i}: ${e}`);
    this.stats.count(this.stats.kills, how === 'hook' ? `hook:${describePlan(plan)}` : how);
    this.log(`cycle ${i}: killed at ${how === 'hook' ? JSON.stringify(till.hooked()) : how} after ${workedMs} ms`);
    await customersWhileDown(emu, this.rng, this.stats);
  }

  /** The last start: recover, let the customers finish, drive both clocks until nothing is left to do, compare. */
  private async finish(started: number): Promise<SoakResult> {
    const emu = this.emu!;
    const till = this.spawn(null);
    await till.ready;
    const must = async (cmd: Parameters<TillProcess['send']>[0], stepMs?: number): Promise<void> => {
      const r = await till.send({ ...cmd, ...(stepMs ? { stepMs } : {}) } as Parameters<TillProcess['send']>[0], emu.now());
      if (!r.ok) throw new Error(`final till: ${cmd.op} failed: ${JSON.stringify(r)}\n${till.diagnostics()}`);
    };
    /** Drives both clocks in 10 s steps until recovery is done, the till is idle and no notification is on its way. */
    const driveUntilSettled = async (what: string): Promise<void> => {
      for (let k = 0; k < 60; k++) {
        await this.deliveriesLanded();
        const r = await till.send({ op: 'state' }, emu.now());
        if (!r.ok) throw new Error(`final till: state failed: ${JSON.stringify(r)}\n${till.diagnostics()}`);
        const st = r.value as { recovered: boolean; idle: boolean };
        if (st.recovered && st.idle) return;
        await emu.advance(10);
        await must({ op: 'sync' });
      }
      throw new Error(`final till: still busy after 10 minutes of test time (${what})\n${till.diagnostics()}`);
    };
    await driveUntilSettled('recovery');
    await customersFinish(emu, this.rng, this.stats);
    // Two minutes in 10 s steps: webhooks, confirmations and polls of what the customers just did.
    for (let k = 0; k < 12; k++) {
      await emu.advance(10);
      await must({ op: 'sync' });
    }
    // Six hours in half-hour steps: every notification retry Midtrans would still send (+2 … +210 min) arrives.
    for (let k = 0; k < 12; k++) {
      await emu.advance(30 * 60);
      await must({ op: 'sync' }, 60_000);
    }
    await driveUntilSettled('the end');
    await must({ op: 'close' });
    await till.exited;
    for (const e of till.errors()) this.tillErrors.push(`final till: ${e}`);

    const db = new Database(this.ledgerFile, { readonly: true });
    let payments: PaymentRow[];
    let refunds: RefundRow[];
    try {
      payments = db.prepare('SELECT * FROM payments ORDER BY created_at, id').all() as PaymentRow[];
      refunds = db.prepare('SELECT * FROM refunds ORDER BY id').all() as RefundRow[];
    } finally {
      db.close();
    }
    const txs: EmuTransaction[] = await emu.transactions();
    const byStatus = new Map<string, number>();
    for (const p of payments) this.stats.count(byStatus, `${p.method === 'cash' ? 'cash' : p.api}:${p.status}`);
    const summary =
      `seed ${this.opts.seed}, ${this.opts.cycles} SIGKILL cycles, ${payments.length} payments, ${refunds.length} refund requests, ` +
      `${txs.length} emulator transactions, ${((Date.now() - started) / 1000).toFixed(1)} s\n  kills: ${this.stats.render(this.stats.kills)}\n  ops: ${this.stats.render(this.stats.ops)}\n` +
      `  ledger: ${this.stats.render(byStatus)}\n`;
    const internal = [...this.stats.ops].filter(([k]) => /:(INTERNAL|THROWN)$/.test(k)).map(([k, n]) => `${k} × ${n}`);
    return {
      findings: compareWithEmulator(payments, refunds, txs), tillErrors: this.tillErrors, internalErrors: internal, payments: payments.length, refunds: refunds.length, transactions: txs.length, summary,
    };
  }

  /**
   * Waits until the emulator has no notification queued or on the wire (its
   * deliveries run in its own process; the till's `settle` cannot see them).
   * A bounded wait on another process, like a ready line: nothing is asserted here.
   */
  private async deliveriesLanded(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const busy = (await this.emu!.notifications()).filter((n) => n.state === 'queued' || n.state === 'sending');
      if (busy.length === 0) return;
      if (Date.now() > deadline) throw new Error(`emulator deliveries still in flight: ${busy.map((n) => `${n.orderId}:${n.state}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
