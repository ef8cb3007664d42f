/**
 * A touch-sized PIN pad that is also a keyboard control: one password field
 * (digits show as dots; typing digits, Backspace and Enter work as in any
 * field) above twelve large keys. Keys keep the focus in the field, so a
 * cashier can mix taps and typing. Presentational: the PIN lives with the
 * caller, which passes it in and gets every change back.
 */
import { useEffect, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { digitsOnly, MAX_PIN_DIGITS, pressKey } from './pin-entry';
import './pin-pad.css';

export interface PinPadProps {
  /** The field's accessible name, e.g. "PIN for Sari". */
  label: string;
  value: string;
  onChange(pin: string): void;
  onSubmit(): void;
  /** The ✓ key's accessible name and tooltip, e.g. "Sign in". */
  submitLabel: string;
  /** Prefix of every data-testid: `<id>-input`, `<id>-key-7`, `<id>-back`, `<id>-submit`. */
  testId: string;
  disabled?: boolean;
  /** Shortest PIN the ✓ key accepts (default 1: the main process decides). */
  minLength?: number;
  maxLength?: number;
  /** Focus the field on mount (default true: a prompt opens ready for typing). */
  autoFocus?: boolean;
}

const DIGIT_ROWS = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']] as const;

/** The pad. */
export function PinPad({
  label, value, onChange, onSubmit, submitLabel, testId, disabled = false, minLength = 1, maxLength = MAX_PIN_DIGITS, autoFocus = true,
}: PinPadProps) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  // Ready for typing when it opens, and again after each try (a disabled field loses the focus).
  useEffect(() => {
    if (autoFocus && !disabled) field.current?.focus();
  }, [autoFocus, disabled]);

  const press = (key: string) => {
    onChange(pressKey(value, key, maxLength));
    field.current?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault(); // no navigation: the caller talks to main
    if (!disabled && value.length >= minLength) onSubmit();
  };
  const key = (k: string, text: string, name: string, className = '') => (
    <button
      type="button"
      className={`pin-key ${className}`}
      data-testid={`${testId}-${k === 'back' ? 'back' : `key-${k}`}`}
      aria-label={name}
      disabled={disabled}
      // Keep the focus (and the keyboard) in the field while tapping.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => press(k)}
    >
      {text}
    </button>
  );

  return (
    <form className="pin-pad" data-testid={testId} onSubmit={submit}>
      <input
        ref={field}
        className="pin-field"
        data-testid={`${testId}-input`}
        type="password"
        // The keys below are the touch keyboard: no on-screen keyboard over them.
        inputMode="none"
        autoComplete="off"
        aria-label={label}
        maxLength={maxLength}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(digitsOnly(e.target.value, maxLength))}
      />
      <span className="pin-count" aria-live="polite" data-testid={`${testId}-count`} data-digits={value.length}>
        {t('pinPad.entered', { digits: value.length })}
      </span>
      <div className="pin-keys" role="group" aria-label={t('pinPad.keys')}>
        {DIGIT_ROWS.map((row) => row.map((d) => key(d, d, d)))}
        {key('back', '⌫', t('pinPad.backspace'))}
        {key('0', '0', '0')}
        <button
          type="submit"
          className="pin-key pin-submit primary"
          data-testid={`${testId}-submit`}
          aria-label={submitLabel}
          title={submitLabel}
          disabled={disabled || value.length < minLength}
          onMouseDown={(e) => e.preventDefault()}
        >
          ✓
        </button>
      </div>
    </form>
  );
}
