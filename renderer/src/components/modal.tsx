/**
 * A modal dialog over the till: a dimmed backdrop, `role="dialog"` named by
 * its title, Escape to close (when it may be closed). Focus goes to the
 * first field inside (the PIN pad focuses itself); a dialog that must be
 * answered (owner setup on a till that has no owner) passes no `onClose`.
 */
import { useId, type ReactNode } from 'react';
import './modal.css';

export interface ModalProps {
  title: string;
  testId: string;
  /** Escape and the caller's own cancel button; absent when the dialog must be finished. */
  onClose?: () => void;
  /** Full-screen (the sign-in and owner-setup gates) rather than a box over the till. */
  fullScreen?: boolean;
  /** A narrow box, for one PIN pad. */
  narrow?: boolean;
  children: ReactNode;
}

/** The dialog. */
export function Modal({ title, testId, onClose, fullScreen = false, narrow = false, children }: ModalProps) {
  const titleId = useId();
  return (
    <div
      className={`modal-backdrop${fullScreen ? ' full-screen' : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className={`modal${narrow ? ' narrow' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
