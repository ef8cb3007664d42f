import { describe, expect, it } from 'vitest';
import { digitsOnly, MAX_PIN_DIGITS, MIN_PIN_DIGITS, newPinProblem, pressKey } from '../../renderer/src/components/pin-entry';
import { MAX_PIN_LENGTH, MIN_PIN_LENGTH } from '../../electron/main/core/staff/pin-policy';

describe('the PIN pad', () => {
  it('keeps digits only, never more than the longest PIN', () => {
    expect(digitsOnly('12 34-56')).toBe('123456');
    expect(digitsOnly('abc')).toBe('');
    expect(digitsOnly('1234567890123456')).toBe('123456789012');
    expect(digitsOnly('123456', 4)).toBe('1234');
  });

  it('appends a digit key, removes one on back, empties on clear, ignores anything else', () => {
    expect(pressKey('12', '3')).toBe('123');
    expect(pressKey('123', 'back')).toBe('12');
    expect(pressKey('', 'back')).toBe('');
    expect(pressKey('123', 'clear')).toBe('');
    expect(pressKey('12', 'x')).toBe('12');
    expect(pressKey('12', '34')).toBe('12');
    expect(pressKey('123456789012', '9')).toBe('123456789012');
  });

  it('asks a new PIN to be long enough for the role and typed the same twice', () => {
    expect(newPinProblem('48151', '48151', 'owner')).toBe('too_short');
    expect(newPinProblem('481516', '481517', 'owner')).toBe('mismatch');
    expect(newPinProblem('481516', '481516', 'owner')).toBeNull();
    expect(newPinProblem('4815', '4815', 'cashier')).toBeNull();
    expect(newPinProblem('481', '481', 'cashier')).toBe('too_short');
  });

  it('uses the same lengths as the main process’s PIN policy', () => {
    expect(MIN_PIN_DIGITS).toEqual(MIN_PIN_LENGTH);
    expect(MAX_PIN_DIGITS).toBe(MAX_PIN_LENGTH);
  });
});
