import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { isApiError, useApi } from '@lib/api';
import type { MonthCloseResult } from '@lib/billing';
import { ErrorNotice } from '@lib/ui/Status';
import { monthLabel } from './billing';

/**
 * Close a month once, after a confirmation: the server snapshots every line, and from then on the
 * month is read-only. A 409 means someone else closed it first; the page then reloads the snapshot.
 */
export function CloseMonthButton({
  clinicId,
  month,
  onClosed,
}: {
  clinicId: string;
  month: string;
  onClosed: (result: MonthCloseResult | null) => void;
}) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => api.call('closeBillingMonth', { params: { clinicId, month } }),
    onSuccess: (result) => {
      setConfirming(false);
      onClosed(result);
    },
    onError: (error) => {
      setConfirming(false);
      if (isApiError(error) && error.status === 409) onClosed(null);
    },
  });
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
        Close month…
      </button>
      {close.isError && (
        <ErrorNotice
          error={close.error}
          title={
            isApiError(close.error) && close.error.status === 409
              ? 'Already closed'
              : 'The month was not closed'
          }
        />
      )}
      {confirming && (
        <ConfirmDialog
          month={month}
          pending={close.isPending}
          onConfirm={() => close.mutate()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}

function ConfirmDialog({
  month,
  pending,
  onConfirm,
  onCancel,
}: {
  month: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="registry-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>Close {monthLabel(month)}?</h2>
      <p>
        The lines are saved as they stand now and the month becomes read-only: no more minutes can
        be logged in it, and corrections become adjustments. This cannot be undone.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={pending}
          onClick={onConfirm}
        >
          {pending ? 'Closing…' : 'Close the month'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
