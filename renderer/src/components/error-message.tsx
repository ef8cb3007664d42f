/**
 * The one way the UI shows a contract error: translated headline, then the
 * main process's detail when it says something specific. `data-code` lets
 * tests and styles key on the code instead of on copy.
 */
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Err } from '../../../shared/contract/result';
import { errorText, type ErrorText } from './error-text';

/** Hook: `errorText` bound to the current language (re-renders on a switch). */
export function useErrorText(): (error: Pick<Err, 'code' | 'message'>) => ErrorText {
  const { t } = useTranslation();
  return useCallback((error) => errorText(error, (key) => t(key)), [t]);
}

export interface ErrorMessageProps {
  error: Pick<Err, 'code' | 'message'> | null;
  /** data-testid of the box; tests find errors by it and by `data-code`. */
  testId?: string;
  /** Defaults to "error"; the Close day warning uses its own softer style. */
  className?: string;
  /** Actions that belong next to the reason (e.g. "Close anyway"). */
  children?: ReactNode;
}

/** Renders nothing without an error. */
export function ErrorMessage({ error, testId, className = 'error', children }: ErrorMessageProps) {
  const toText = useErrorText();
  if (!error) return null;
  const { code, headline, detail } = toText(error);
  return (
    <div className={`error-message ${className}`} role="alert" data-testid={testId} data-code={code}>
      <strong className="error-headline" data-testid={testId ? `${testId}-headline` : undefined}>{headline}</strong>
      {detail && <span className="error-detail">{detail}</span>}
      {children}
    </div>
  );
}
