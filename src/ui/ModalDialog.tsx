import { useEffect, useRef, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A native modal `<dialog>` opened with showModal(): the browser traps focus inside it and makes
 * the page behind inert (Tab wraps around inside it), Esc closes it (its `cancel` event), a click on the backdrop closes it,
 * and focus goes back to the control that opened it. Mounted means open.
 */
export function ModalDialog({
  onClose,
  labelledBy,
  className = '',
  testId,
  children,
}: {
  onClose: () => void;
  labelledBy: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first control, and a dialog taller than the window scrolls down to
    // it (About's Close is at its end): such a dialog keeps the focus itself and opens at its top.
    if (dialog.scrollHeight > dialog.clientHeight && dialog.scrollTop > 0) {
      dialog.focus({ preventScroll: true });
      dialog.scrollTop = 0;
    }
    return () => {
      if (dialog.open) dialog.close();
      // Back to where the user was (the button that opened it), if it is still there.
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog ${className}`}
      aria-labelledby={labelledBy}
      data-testid={testId}
      // Focusable itself (not by Tab): see the effect above.
      tabIndex={-1}
      onCancel={(e) => {
        // Esc: the store closes it (unmounting), so the open flag and the element never disagree.
        e.preventDefault();
        close.current();
      }}
      onKeyDown={(e) => {
        // Tab wraps around inside the dialog (showModal alone lets it leave to the browser's UI).
        if (e.key !== 'Tab') return;
        const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
          (el) => el.getClientRects().length > 0,
        );
        if (focusable.length === 0) return;
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const active = document.activeElement;
        if (e.shiftKey && (active === first || active === e.currentTarget)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && active === last) {
          e.preventDefault();
          first.focus();
        }
      }}
      onClick={(e) => {
        // The backdrop: a click outside the dialog's box lands on the dialog element itself.
        if (e.target !== e.currentTarget) return;
        const box = e.currentTarget.getBoundingClientRect();
        const inside =
          e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
        if (!inside) close.current();
      }}
    >
      {children}
    </dialog>
  );
}
