/**
 * The rules of the owner-approval prompt, pure (unit-tested in plain Node):
 * which answers from main mean "ask the owner", which mean "create the owner
 * first", and which wrong-PIN answers (PIN_INVALID; LOCKED, with or without a wait) keep the prompt open for another try.
 */
import type { ErrorCode } from '../../../shared/contract/result';

/** Whatever part of an error the rules look at. */
export interface RefusalLike {
  code: ErrorCode | string;
  field?: string;
}

/** What to do after a privileged call came back refused. */
export type NextStep = 'owner_setup' | 'approve' | 'done';

/**
 * OWNER_REQUIRED: no owner exists yet, so owner setup comes first.
 * PIN_REQUIRED: the call needs the owner's PIN. FORBIDDEN, for a session that
 * is not the owner's, is the same refusal from a check that says less.
 * Anything else is the call's own answer.
 */
export function nextStep(refusal: RefusalLike, sessionRole: 'owner' | 'cashier' | null): NextStep {
  if (refusal.code === 'OWNER_REQUIRED') return 'owner_setup';
  if (refusal.code === 'PIN_REQUIRED') return 'approve';
  if (refusal.code === 'FORBIDDEN' && sessionRole === 'cashier') return 'approve';
  return 'done';
}

/** Answers to a PIN try that belong in the prompt (try again, wait, or locked), not in the form behind it. */
const PIN_PROBLEMS: ReadonlySet<string> = new Set<ErrorCode>(['PIN_INVALID', 'LOCKED', 'PIN_REQUIRED']);

/** Whether the prompt stays open to show this answer to an approval attempt. */
export function keepsPromptOpen(refusal: RefusalLike): boolean {
  if (PIN_PROBLEMS.has(refusal.code)) return true;
  // A malformed PIN (the schema's own check) is a PIN problem too.
  return refusal.code === 'INVALID_INPUT' && (refusal.field ?? '').startsWith('approval');
}
