import { useEffect, type RefObject } from 'react';

/**
 * Opens a native <dialog> as modal on mount (focus moves in, Escape cancels, the page behind is
 * inert) and, when it unmounts, gives focus back to the control that opened it.
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>) {
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}
