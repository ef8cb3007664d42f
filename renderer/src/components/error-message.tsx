/**
 * The one way the UI shows a contract error: translated headline, then the
 * translated specifics from its params (see error-text.ts). `data-code` and
 * `data-field` let tests and styles key on the code and the field instead of
 * on copy. Forms render one per field (`errorFieldOf`) so the error sits next
 * to the field it is about.
 */
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import { toLanguage, type Language } from '../i18n/language';
import { errorText, noticeText, type ErrorLike, type ErrorText, type Translate } from './error-text';
import type { AppNotice } from '../../../shared/contract/events';

/** Hook: the current language's translator with interpolation, for error-text.ts. */
function useTranslate(): Translate {
  const { t } = useTranslation();
  // Keys are built from the contract's vocabulary at run time; a unit test checks each exists in both languages.
  return useCallback<Translate>((key, values) => String(values ? t(key as never, values as never) : t(key as never)), [t]);
}

/** Hook: the UI's current language (re-renders on a switch). */
function useLanguage(): Language {
  const { i18n } = useTranslation();
  return toLanguage(i18n.resolvedLanguage ?? i18n.language);
}

/** Hook: `errorText` bound to the current language and shop zone (re-renders on a switch). */
export function useErrorText(): (error: ErrorLike) => ErrorText {
  const translate = useTranslate();
  const { time } = useFormatters();
  const language = useLanguage();
  return useCallback((error) => errorText(error, translate, { time, language }), [translate, time, language]);
}

/** Hook: `noticeText` bound to the current language and shop zone. */
export function useNoticeText(): (notice: Pick<AppNotice, 'code' | 'params'>) => string {
  const translate = useTranslate();
  const { time } = useFormatters();
  const language = useLanguage();
  return useCallback((notice) => noticeText(notice, translate, { time, language }), [translate, time, language]);
}

export interface ErrorMessageProps {
  error: ErrorLike | null;
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
    <div className={`error-message ${className}`} role="alert" data-testid={testId} data-code={code} data-field={error.field}>
      <strong className="error-headline" data-testid={testId ? `${testId}-headline` : undefined}>{headline}</strong>
      {detail && <span className="error-detail" data-testid={testId ? `${testId}-detail` : undefined}>{detail}</span>}
      {children}
    </div>
  );
}
