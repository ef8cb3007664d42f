import { describe, expect, it } from 'vitest';
import { keepsPromptOpen, nextStep } from '../../renderer/src/stores/approval-plan';

describe('the owner-approval prompt rules', () => {
  it('leads to owner setup when there is no owner, to the PIN prompt when the owner must approve', () => {
    expect(nextStep({ code: 'OWNER_REQUIRED' }, 'cashier')).toBe('owner_setup');
    expect(nextStep({ code: 'PIN_REQUIRED' }, 'cashier')).toBe('approve');
    expect(nextStep({ code: 'PIN_REQUIRED' }, null)).toBe('approve');
  });

  it('treats FORBIDDEN as "ask the owner" only for a cashier’s session', () => {
    expect(nextStep({ code: 'FORBIDDEN' }, 'cashier')).toBe('approve');
    expect(nextStep({ code: 'FORBIDDEN' }, 'owner')).toBe('done');
    expect(nextStep({ code: 'FORBIDDEN' }, null)).toBe('done');
  });

  it('leaves every other answer to the screen that asked', () => {
    for (const code of ['AMOUNT_INVALID', 'INVALID_INPUT', 'CONFLICT', 'SIGN_IN_REQUIRED', 'INTERNAL']) {
      expect(nextStep({ code }, 'cashier'), code).toBe('done');
    }
  });

  it('keeps the prompt open for a wrong PIN, a wait, a lock and a malformed PIN; closes it for the call’s own errors', () => {
    expect(keepsPromptOpen({ code: 'PIN_INVALID' })).toBe(true);
    expect(keepsPromptOpen({ code: 'LOCKED' })).toBe(true);
    expect(keepsPromptOpen({ code: 'PIN_REQUIRED' })).toBe(true);
    expect(keepsPromptOpen({ code: 'INVALID_INPUT', field: 'approval.pin' })).toBe(true);
    expect(keepsPromptOpen({ code: 'INVALID_INPUT', field: 'amount' })).toBe(false);
    expect(keepsPromptOpen({ code: 'AMOUNT_INVALID' })).toBe(false);
    expect(keepsPromptOpen({ code: 'FORBIDDEN' })).toBe(false);
  });
});
