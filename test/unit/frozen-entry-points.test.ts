/**
 * The frozen entry points (test/README.md): what shells, scripts, tests and
 * later issues build on. Later issues extend them, never break them: a new
 * optional input field or a new output field is an extension; removing,
 * renaming or retyping one — or a new required input — is a break.
 *
 * - The contract channels: inputs today's callers send still parse, outputs
 *   recorded from today's till (buildServices + the emulator, Dec 2026) still
 *   parse, and each schema's shape still has every committed line below
 *   (test/fixtures/contract-shape.ts says what "still has" means).
 * - `buildServices(KasirOptions)` and `launchBrowserShell(…)`: compile-time
 *   checks (tsc, `npm run typecheck`) that today's options are still accepted
 *   and today's results still offered.
 * The CLI ready lines are checked by test/integration/frozen-entry-points.test.ts.
 *
 * When a test here fails, the change breaks a caller: make it an extension
 * instead (an optional field, a new channel). After extending, you may add
 * the new lines below, so the extension is frozen too; never edit a line.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { launchBrowserShell } from '../../electron/browser-shell/launch';
import { ManualClock } from '../../electron/main/core/clock';
import type { buildServices, KasirOptions } from '../../electron/main/core/container';
import { silentLogger } from '../../electron/main/core/logger';
import { MemorySecretStore } from '../../electron/main/core/secrets/memory-secret-store';
import { channels } from '../../shared/contract/channels';
import type { EventName } from '../../shared/contract/events';
import { issuesBesidesAddedFields, parseShapeLine, shapeBreaks, shapeOf } from '../fixtures/contract-shape';

const METHODS = 'qris gopay shopeepay dana va_bca va_bni va_bri va_permata va_cimb mandiri_bill indomaret alfamart cash';
const STATUSES = 'creating pending settlement capture refund partial_refund expire cancel deny failure failed_to_create';
const SOURCES = 'charge webhook poll recovery manual reconcile';

/** `PaymentView` as of today, rooted at `$`. */
const PAYMENT_VIEW = [
  '$ object', '$.id string', '$.orderId string', `$.method string (${METHODS})`, `$.status string (${STATUSES})`,
  '$.amount integer', '$.refundedAmount integer',
  '$.action null|object',
  '$.action|kind=qr object', '$.action|kind=qr.kind string (qr)', '$.action|kind=qr.qrString string',
  '$.action|kind=deeplink object', '$.action|kind=deeplink.kind string (deeplink)', '$.action|kind=deeplink.url string',
  '$.action|kind=va object', '$.action|kind=va.kind string (va)', '$.action|kind=va.bank string', '$.action|kind=va.vaNumber string',
  '$.action|kind=bill object', '$.action|kind=bill.kind string (bill)', '$.action|kind=bill.billerCode string', '$.action|kind=bill.billKey string',
  '$.action|kind=paycode object', '$.action|kind=paycode.kind string (paycode)', '$.action|kind=paycode.store string',
  '$.action|kind=paycode.paymentCode string',
  '$.action|kind=cash object', '$.action|kind=cash.kind string (cash)',
  '$.createdAt string', '$.updatedAt string', '$.expiresAt null|string', `$.lastSource string (${SOURCES})`, '$.referenceNo null|string',
  '$.items array', '$.items[] object', '$.items[].sku string', '$.items[].name string', '$.items[].price integer', '$.items[].quantity integer',
];
const ITEMS = ['$.items array', '$.items[] object', '$.items[].sku string', '$.items[].name string', '$.items[].price integer', '$.items[].quantity integer'];
const listOf = (lines: string[]): string[] => ['$ array', ...lines.map((l) => l.replace(/^\$/, '$[]'))];

/** The frozen channels: committed shape of each side. */
const FROZEN = {
  'payments.create': { input: ['$ object', ...ITEMS, `$.method string (${METHODS})`], output: PAYMENT_VIEW },
  'payments.get': { input: ['$ object', '$.id string'], output: PAYMENT_VIEW },
  'payments.list': { input: ['$ object', '$.limit? integer'], output: listOf(PAYMENT_VIEW) },
  'payments.refund': { input: ['$ object', '$.id string', '$.amount? integer', '$.reason? string'], output: PAYMENT_VIEW },
  'payments.cancel': { input: ['$ object', '$.id string'], output: PAYMENT_VIEW },
  'catalog.list': { input: ['$ object'], output: listOf(['$ object', '$.sku string', '$.name string', '$.price integer', '$.category string']) },
  'reports.today': {
    input: ['$ object'],
    output: [
      '$ object', '$.day string', '$.zone string', '$.paidCount integer', '$.paidTotal integer', '$.refundedTotal integer',
      '$.pendingCount integer', '$.failedCount integer',
      '$.byMethod array', '$.byMethod[] object', `$.byMethod[].method string (${METHODS})`, '$.byMethod[].count integer', '$.byMethod[].total integer',
      '$.byHour array', '$.byHour[] object', '$.byHour[].hour integer', '$.byHour[].count integer', '$.byHour[].total integer',
    ],
  },
} as const satisfies Partial<Record<keyof typeof channels, { input: readonly string[]; output: readonly string[] }>>;
type FrozenChannel = keyof typeof FROZEN;
const FROZEN_CHANNELS = Object.keys(FROZEN) as FrozenChannel[];

/** What today's callers (renderer stores, scripts, e2e) send. */
const TODAY_INPUTS: Record<FrozenChannel, unknown[]> = {
  'payments.create': [
    { items: [{ sku: 'KOPI-SUSU', name: 'Es Kopi Susu', price: 18_000, quantity: 2 }], method: 'qris' },
    { items: [{ sku: 'TEH-MANIS', name: 'Es Teh Manis', price: 8_000, quantity: 1 }], method: 'cash' },
  ],
  'payments.get': [{ id: 'PAY-5XV020DXBJQP56W1' }],
  'payments.list': [undefined, { limit: 100 }],
  'payments.refund': [{ id: 'PAY-FFXDHPQ98389QZVR' }, { id: 'PAY-FFXDHPQ98389QZVR', amount: 18_000, reason: 'one returned' }],
  'payments.cancel': [{ id: 'PAY-5XV020DXBJQP56W1' }],
  'catalog.list': [undefined, {}],
  'reports.today': [undefined, {}],
};

const kopi = { sku: 'KOPI-SUSU', name: 'Es Kopi Susu', price: 18_000, quantity: 2 };
const kopiHitam = { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 12_000, quantity: 1 };
const QR = '00020101021226610014COM.GO-JEK.WWW01189360091472541833400210G7254183340303UKE51410014ID.CO.QRIS.WWW0212ID72541833400303UKE520458145303360540836000.005802ID5914KASIR EMULATOR6007JAKARTA61051011062360525A120261202024600YKnfDe3ID0703A016304A8FE';
const qrisPending = {
  id: 'PAY-FFXDHPQ98389QZVR', orderId: 'KSR-20261202-YW4YWAQAYS', method: 'qris', status: 'pending', amount: 36_000, refundedAmount: 0,
  action: { kind: 'qr', qrString: QR }, createdAt: '2026-12-01T19:46:00.801Z', updatedAt: '2026-12-01T19:46:00.919Z',
  expiresAt: '2026-12-01T20:01:00.000Z', lastSource: 'charge', referenceNo: 'A120261202024600YKnfDe3ID', items: [kopi],
};
const vaPending = {
  id: 'PAY-5XV020DXBJQP56W1', orderId: 'KSR-20261202-8658BQGA79', method: 'va_bca', status: 'pending', amount: 12_000, refundedAmount: 0,
  action: { kind: 'va', bank: 'bca', vaNumber: '700129214044301' }, createdAt: '2026-12-01T19:46:00.967Z', updatedAt: '2026-12-01T19:46:00.976Z',
  expiresAt: '2026-12-02T19:46:00.000Z', lastSource: 'charge', referenceNo: null, items: [kopiHitam],
};
const vaCancelled = { ...vaPending, status: 'cancel', updatedAt: '2026-12-01T19:46:00.989Z', lastSource: 'manual', referenceNo: 'A120261202024600VWm0qPbID' };
const cashPaid = {
  id: 'PAY-ASNTRM31F8A8AQQ3', orderId: 'KSR-20261202-66KHYM2EQY', method: 'cash', status: 'settlement', amount: 8_000, refundedAmount: 0,
  action: null, createdAt: '2026-12-01T19:46:00.990Z', updatedAt: '2026-12-01T19:46:00.991Z', expiresAt: null, lastSource: 'manual',
  referenceNo: null, items: [{ sku: 'TEH-MANIS', name: 'Es Teh Manis', price: 8_000, quantity: 1 }],
};

/** Outputs recorded from today's till through its router. */
const TODAY_OUTPUTS: Record<FrozenChannel, unknown> = {
  'payments.create': qrisPending,
  'payments.get': vaPending,
  'payments.list': [cashPaid, vaCancelled],
  'payments.refund': { ...qrisPending, status: 'partial_refund', refundedAmount: 18_000, updatedAt: '2026-12-01T19:46:00.966Z', lastSource: 'manual' },
  'payments.cancel': vaCancelled,
  'catalog.list': [
    { sku: 'KOPI-SUSU', name: 'Es Kopi Susu', price: 18_000, category: 'Minuman' },
    { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 12_000, category: 'Minuman' },
  ],
  'reports.today': {
    day: '2026-12-02', zone: 'Asia/Jakarta', paidCount: 2, paidTotal: 44_000, refundedTotal: 18_000, pendingCount: 0, failedCount: 1,
    byMethod: [{ method: 'qris', count: 1, total: 36_000 }, { method: 'cash', count: 1, total: 8_000 }],
    byHour: Array.from({ length: 24 }, (_, hour) => (hour === 2 ? { hour, count: 2, total: 44_000 } : { hour, count: 0, total: 0 })),
  },
};

describe('frozen contract channels', () => {
  it.each(FROZEN_CHANNELS)('%s: the inputs today\'s callers send still parse', (channel) => {
    for (const input of TODAY_INPUTS[channel]) {
      const parsed = channels[channel].input.safeParse(input);
      expect(parsed.success, `${channel} ${JSON.stringify(input)}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it.each(FROZEN_CHANNELS)('%s: an output recorded today still parses (fields added since aside)', (channel) => {
    expect(issuesBesidesAddedFields(channels[channel].output, TODAY_OUTPUTS[channel], FROZEN[channel].output)).toEqual([]);
  });

  it.each(FROZEN_CHANNELS)('%s: the input schema keeps today\'s fields and types, and adds only optional ones', (channel) => {
    expect(shapeBreaks(FROZEN[channel].input, shapeOf(channels[channel].input, 'input'), 'input')).toEqual([]);
  });

  it.each(FROZEN_CHANNELS)('%s: the output schema keeps today\'s fields, types and required keys', (channel) => {
    expect(shapeBreaks(FROZEN[channel].output, shapeOf(channels[channel].output, 'output'), 'output')).toEqual([]);
  });
});

describe('the shape rule tells extensions from breaks', () => {
  const input = ['$ object', '$.id string', '$.amount? integer'];
  const output = ['$ object', '$.id string', '$.status string (paid open)', '$.note? string'];
  const shape = (lines: string[]) => new Map(lines.map(parseShapeLine));

  it('accepts new optional inputs (with required fields inside), widened inputs and new outputs', () => {
    expect(shapeBreaks(input, shape([...input, '$.approval? object', '$.approval.pin string']), 'input')).toEqual([]);
    expect(shapeBreaks(input, shape(['$ object', '$.id null|string', '$.amount? integer']), 'input')).toEqual([]);
    expect(shapeBreaks(output, shape([...output, '$.actor string', '$.status string (paid open refunded)']), 'output')).toEqual([]);
  });

  it('refuses removed, renamed, retyped or newly required inputs, and outputs that may go missing', () => {
    expect(shapeBreaks(input, shape(['$ object', '$.paymentId string', '$.amount? integer']), 'input')).toHaveLength(2);
    expect(shapeBreaks(input, shape(['$ object', '$.id string', '$.amount integer']), 'input')).toEqual(['$.amount became required']);
    expect(shapeBreaks(input, shape([...input, '$.staffId string']), 'input')).toHaveLength(1);
    expect(shapeBreaks(output, shape(['$ object', '$.id null|string', '$.status string (paid)', '$.note? string']), 'output')).toHaveLength(2);
    expect(shapeBreaks(output, shape(['$ object', '$.id? string', '$.status string (paid open)', '$.note? string']), 'output')).toHaveLength(1);
  });
});

describe('frozen builder options (compile-time: tsc fails when they break)', () => {
  /** Today's ShellDescription: what `describe()`, the `--headless` line and Electron's ready line carry. */
  interface TodayShellDescription {
    shell: 'electron' | 'browser';
    gateway: 'emulator' | 'sandbox' | 'production';
    dataDir: string;
    webhookUrl: string | null;
    emulator: { coreApiUrl: string; snapBiUrl: string; simulatorUrl: string; caCertPath: string } | null;
  }
  /** Today's Services (the router's own signature is the contract's business, not frozen here). */
  interface TodayServices {
    router: { dispatch(...args: never[]): Promise<unknown> };
    onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
    describe(): TodayShellDescription;
    close(): Promise<void>;
  }

  it('buildServices takes today\'s KasirOptions and returns today\'s Services', () => {
    type Options = Parameters<typeof buildServices>[0];
    expectTypeOf<Options>().toEqualTypeOf<KasirOptions>();
    expectTypeOf({ shell: 'electron', version: '0.1.0', dataDir: '/tmp/kasir' } as const satisfies Options).toExtend<Options>();
    expectTypeOf({
      shell: 'browser', version: '0.1.0', dataDir: '/tmp/kasir', clock: new ManualClock(), logger: silentLogger,
      secretStore: new MemorySecretStore(), env: { KASIR_ZONE: 'Asia/Jakarta' },
    } satisfies Options).toExtend<Options>();
    expectTypeOf<Awaited<ReturnType<typeof buildServices>>>().toExtend<TodayServices>();
  });

  it('launchBrowserShell takes today\'s options and returns today\'s shell', () => {
    type Options = Parameters<typeof launchBrowserShell>[0];
    expectTypeOf({ dataDir: '/tmp/kasir' } satisfies Options).toExtend<Options>();
    expectTypeOf({
      dataDir: '/tmp/kasir', headless: true, rendererDir: 'out/renderer', chromiumPath: '/usr/bin/chromium', version: '0.1.0',
      clock: new ManualClock(), logger: silentLogger, secretStore: new MemorySecretStore(), env: {},
    } satisfies Options).toExtend<Options>();
    expectTypeOf<Awaited<ReturnType<typeof launchBrowserShell>>>().toExtend<{
      browser: Browser; context: BrowserContext; page: Page; services: TodayServices; close(): Promise<void>;
    }>();
  });
});
