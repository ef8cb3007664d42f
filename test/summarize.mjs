// Sums vitest's and Playwright's JSON reports into CI's closing line:
// "N passed, N failed, N skipped". A failed stage (lint, typecheck, build) with
// no tests behind it counts as one failure, so it can never read as green.
import { existsSync, readFileSync } from 'node:fs';

const failedStages = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // A test file that failed to load has no tests but is a failure.
  failed += (v.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
}
if (existsSync('test-results/e2e.json')) {
  const p = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
  const s = p.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  for (const e of p.errors ?? []) console.error(`playwright: ${e.message ?? e}`);
  if ((p.errors ?? []).length > 0 && (s.unexpected ?? 0) === 0) failed += 1;
}
const stageOnly = failedStages.filter((s) => s !== 'tests');
if (stageOnly.length) console.error(`failed stages: ${stageOnly.join(', ')}`);
failed += stageOnly.length;
if (failedStages.includes('tests') && failed === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
