/**
 * One way for any screen to run a privileged call: `withApproval(attempt)`.
 * It makes the call as the signed-in staff member; when main answers
 * PIN_REQUIRED it opens the owner-PIN prompt (the owner is found from the
 * roster: a shop has one) and repeats the same call with a one-time
 * `approval: {staffId, pin}`; a wrong PIN is shown in the prompt for another
 * try. OWNER_REQUIRED opens owner setup first, then repeats the call as the
 * new owner. The PIN is held only while the prompt is open.
 */
import { create } from 'zustand';
import type { Approval } from '../../../shared/contract/staff-schemas';
import type { Err, Result } from '../../../shared/contract/result';
import { call } from '../api';
import { keepsPromptOpen, nextStep } from './approval-plan';
import { useSession } from './session-store';

/** What a privileged call spreads into its input: nothing, or the owner's one-time approval. */
export type ApprovalField = { approval?: Approval };

/** A privileged call: `(approval) => call('x', { ...input, ...approval })`. */
export type Attempt<T> = (approval: ApprovalField) => Promise<Result<T>>;

/** The prompt on screen. */
export interface PendingApproval {
  /** What the PIN is for: the privileged action's name from main (`payments.refund`), if it said. */
  action: string | null;
  /** The owner who approves; null while the roster loads or if there is none. */
  owner: { id: string; name: string } | null;
  pin: string;
  busy: boolean;
  /** The last wrong-PIN answer (PIN_INVALID, LOCKED), or a roster failure. */
  error: Err | null;
}

interface ApprovalState {
  pending: PendingApproval | null;
  setPin(pin: string): void;
  /** Sends the call again with the owner's PIN. */
  submit(): Promise<void>;
  /** Closes the prompt; the call resolves with the refusal it first had. */
  cancel(): void;
  /** Opens the prompt for a refused call; resolves with the approved call's answer, or the refusal if cancelled. */
  ask(attempt: Attempt<unknown>, refusal: Err): Promise<Result<unknown>>;
}

/** The call being approved, kept outside React state (it holds a function and a promise). */
interface Waiting {
  attempt: Attempt<unknown>;
  refusal: Err;
  resolve(result: Result<unknown>): void;
}

const actionOf = (refusal: Err): string | null => {
  const action: unknown = refusal.params?.action;
  return typeof action === 'string' ? action : null;
};

export const useApproval = create<ApprovalState>((set, get) => {
  let waiting: Waiting | null = null;
  const finish = (result: Result<unknown>) => {
    const done = waiting;
    waiting = null;
    set({ pending: null });
    done?.resolve(result);
  };
  const update = (patch: Partial<PendingApproval>) => set((s) => (s.pending ? { pending: { ...s.pending, ...patch } } : s));
  return {
    pending: null,
    setPin: (pin) => update({ pin }),
    async submit() {
      const pending = get().pending;
      if (!waiting || !pending?.owner || pending.busy) return;
      const attempt = waiting.attempt;
      update({ busy: true, error: null });
      const result = await attempt({ approval: { staffId: pending.owner.id, pin: pending.pin } });
      if (waiting?.attempt !== attempt) return; // cancelled meanwhile
      if (!result.ok && keepsPromptOpen(result)) update({ busy: false, pin: '', error: result });
      else finish(result);
    },
    cancel() {
      if (waiting) finish(waiting.refusal);
    },
    async ask(attempt, refusal) {
      if (waiting) return refusal; // one prompt at a time: a second call shows its own refusal
      const answer = new Promise<Result<unknown>>((resolve) => {
        waiting = { attempt, refusal, resolve };
      });
      set({ pending: { action: actionOf(refusal), owner: null, pin: '', busy: true, error: null } });
      const roster = await call('session.roster');
      const owner = roster.ok ? (roster.value.find((s) => s.role === 'owner') ?? null) : null;
      update({ owner: owner && { id: owner.id, name: owner.name }, busy: false, error: roster.ok ? null : roster });
      return answer;
    },
  };
});

/**
 * Runs a privileged call, asking for what it needs: owner setup when there
 * is no owner yet, the owner's PIN when the session may not do it alone.
 * Resolves with the call's final answer (the first refusal if the cashier
 * cancelled). Never throws.
 */
export async function withApproval<T>(attempt: Attempt<T>): Promise<Result<T>> {
  let result = await attempt({});
  if (result.ok) return result;
  const role = () => useSession.getState().session?.staff?.role ?? null;
  if (nextStep(result, role()) === 'owner_setup') {
    if (!(await useSession.getState().openOwnerSetup())) return result;
    result = await attempt({}); // this window is the owner now
    if (result.ok) return result;
  }
  if (nextStep(result, role()) !== 'approve') return result;
  return (await useApproval.getState().ask(attempt as Attempt<unknown>, result)) as Result<T>;
}
