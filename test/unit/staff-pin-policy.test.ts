import { describe, expect, it } from 'vitest';
import { assertPinAllowed, isStaffError, pinProblem } from '../../electron/main/core/staff';

describe('PIN policy', () => {
  it('wants digits only, ≥ 6 for the owner, ≥ 4 for a cashier, ≤ 12', () => {
    expect(pinProblem('73019', 'owner')).toBe('too_short');
    expect(pinProblem('730194', 'owner')).toBeNull();
    expect(pinProblem('583', 'cashier')).toBe('too_short');
    expect(pinProblem('5837', 'cashier')).toBeNull();
    expect(pinProblem('5837', 'owner')).toBe('too_short');
    expect(pinProblem('58a7', 'cashier')).toBe('digits_only');
    expect(pinProblem(' 5837', 'cashier')).toBe('digits_only');
    expect(pinProblem('٥٨٣٧', 'cashier')).toBe('digits_only'); // Arabic-Indic digits: not on the pad
    expect(pinProblem('5837290461735', 'owner')).toBe('too_long');
  });

  it.each([
    ['000000', 'repeated'],
    ['111111', 'repeated'],
    ['121212', 'repeated'],
    ['123123', 'repeated'],
    ['4545', 'repeated'],
    ['123456', 'sequence'],
    ['654321', 'sequence'],
    ['1234', 'sequence'],
    ['7890', 'sequence'],
    ['890123', 'sequence'],
    ['2580', 'common'],
    ['112233', 'common'],
    ['147258', 'common'],
    ['159753', 'common'],
  ])('refuses %s (%s)', (pin, rule) => {
    expect(pinProblem(pin, pin.length >= 6 ? 'owner' : 'cashier')).toBe(rule);
  });

  it('accepts ordinary PINs', () => {
    for (const pin of ['730194', '481516', '5837', '9021', '13572468']) {
      expect(pinProblem(pin, pin.length >= 6 ? 'owner' : 'cashier')).toBeNull();
    }
  });

  it('throws a pin_weak error naming the rule and the field, never the PIN', () => {
    try {
      assertPinAllowed('123456', 'owner', 'newPin');
      expect.unreachable();
    } catch (e) {
      expect(isStaffError(e, 'pin_weak')).toBe(true);
      if (!isStaffError(e)) throw e;
      expect(e.code).toBe('PIN_WEAK');
      expect(e.params).toEqual({ rule: 'sequence' });
      expect(e.field).toBe('newPin');
      expect(e.message).not.toContain('123456');
    }
  });
});
