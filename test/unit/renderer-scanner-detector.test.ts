import { describe, expect, it } from 'vitest';
import { createScanDetector, type ScanVerdict } from '../../renderer/src/features/till/scanner-detector';

/** Feeds `keys` typed `gap` ms apart from `start`, then Enter `enterGap` ms after the last; returns every verdict. */
function typed(code: string, gap: number, opts: { start?: number; enterGap?: number; detector?: ReturnType<typeof createScanDetector> } = {}) {
  const d = opts.detector ?? createScanDetector();
  let at = opts.start ?? 1_000;
  const verdicts: ScanVerdict[] = [];
  [...code].forEach((key, i) => {
    if (i > 0) at += gap;
    verdicts.push(d.feed({ key, at }));
  });
  at += opts.enterGap ?? gap;
  verdicts.push(d.feed({ key: 'Enter', at }));
  return { verdicts, last: verdicts[verdicts.length - 1], at, detector: d };
}

describe('barcode scan detector', () => {
  it('takes a code typed at 8 ms a key and ended by Enter as a scan', () => {
    const { verdicts, last } = typed('8991001000057', 8);
    expect(last).toEqual({ kind: 'scan', code: '8991001000057' });
    expect(verdicts[0]).toEqual({ kind: 'char', starts: true });
    expect(verdicts.slice(1, -1).every((v) => v.kind === 'char' && !v.starts)).toBe(true);
  });

  it('takes a scanner at its limit (30 ms a key) and one with a little jitter', () => {
    expect(typed('ROTI-BAKAR', 30).last).toEqual({ kind: 'scan', code: 'ROTI-BAKAR' });
    // One 50 ms hiccup inside an otherwise fast burst (USB polling, a loaded machine): still a scan.
    const d = createScanDetector();
    const times = [0, 8, 16, 66, 74, 82];
    [...'899100'].forEach((key, i) => d.feed({ key, at: 5_000 + (times[i] ?? 0) }));
    expect(d.feed({ key: 'Enter', at: 5_090 })).toEqual({ kind: 'scan', code: '899100' });
  });

  it('leaves a person typing alone: 4 keys at ~100 ms, or a slow Enter after a fast burst', () => {
    expect(typed('1234', 100).last).toEqual({ kind: 'pass' });
    expect(typed('1234', 40).last).toEqual({ kind: 'pass' }); // over 30 ms a key on average
    expect(typed('8991001000057', 8, { enterGap: 400 }).last).toEqual({ kind: 'pass' }); // Enter pressed by hand later
  });

  it('needs at least 4 characters', () => {
    expect(typed('899', 5).last).toEqual({ kind: 'pass' });
    expect(typed('8991', 5).last).toEqual({ kind: 'scan', code: '8991' });
  });

  it('a pause starts a new burst: only the fast tail after it counts', () => {
    const d = createScanDetector();
    d.feed({ key: '5', at: 0 }); // a person typed 5 …
    const { verdicts, last } = typed('8991001000019', 8, { start: 2_000, detector: d }); // … then scanned
    expect(verdicts[0]).toEqual({ kind: 'char', starts: true });
    expect(last).toEqual({ kind: 'scan', code: '8991001000019' });
  });

  it('Shift (upper-case letters) does not break a burst; Backspace, Tab or a shortcut does', () => {
    const d = createScanDetector();
    let at = 0;
    for (const key of ['Shift', 'K', 'Shift', 'O', 'P', 'I']) d.feed({ key, at: (at += 6) });
    expect(d.feed({ key: 'Enter', at: (at += 6) })).toEqual({ kind: 'scan', code: 'KOPI' });
    for (const key of ['8', '9', '9', 'Backspace', '1', '0']) d.feed({ key, at: (at += 6) });
    expect(d.feed({ key: 'Enter', at: (at += 6) })).toEqual({ kind: 'pass' }); // only "10" after the Backspace
    for (const key of ['8', '9', '9', '1']) d.feed({ key, at: (at += 6), modified: key === '9' });
    expect(d.feed({ key: 'Enter', at: (at += 6) })).toEqual({ kind: 'pass' });
  });

  it('characters outside a barcode (a space) are not part of a code; Enter alone is not a scan', () => {
    const d = createScanDetector();
    expect(d.feed({ key: ' ', at: 0 })).toEqual({ kind: 'pass' });
    expect(d.feed({ key: 'Enter', at: 5 })).toEqual({ kind: 'pass' });
    expect(typed('89 91001', 5).last).toEqual({ kind: 'scan', code: '91001' }); // the space ended the first burst
  });

  it('after a scan the next one starts fresh; reset forgets a burst', () => {
    const first = typed('8991001000019', 8);
    const second = typed('8991001000026', 8, { start: first.at + 20, detector: first.detector });
    expect(second.last).toEqual({ kind: 'scan', code: '8991001000026' });
    const d = createScanDetector();
    for (const key of '89910') d.feed({ key, at: 1 });
    d.reset();
    expect(d.feed({ key: 'Enter', at: 2 })).toEqual({ kind: 'pass' });
  });
});
