import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { bodyFieldErrors, isApiError, useApi } from '@lib/api';
import {
  AdjustmentCreate,
  type Adjustment,
  type BillingCode,
  type WorksheetLine,
} from '@lib/billing';
import { ErrorNotice } from '@lib/ui/Status';
import { fieldMessage, zodResolver } from '@lib/zodResolver';
import { CODE_ORDER, patientName } from './billing';

interface Form {
  countedMinutes: string;
  codes: { code: BillingCode; units: string }[];
  reason: string;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const toNumber = (text: string) => (text.trim() === '' ? 0 : Number(text));

/**
 * Correct one line of a closed month: a minutes delta and unit deltas per code, with the reason a
 * reviewer will read. The closed snapshot itself never changes; the adjustment references it.
 */
export function AdjustmentDialog({
  clinicId,
  month,
  line,
  onClose,
  onSaved,
}: {
  clinicId: string;
  month: string;
  line: WorksheetLine;
  onClose: () => void;
  onSaved: (adjustment: Adjustment) => void;
}) {
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const resolver = zodResolver<Form, typeof AdjustmentCreate>(AdjustmentCreate, (values) => ({
    lineId: line.lineId,
    reason: values.reason,
    delta: {
      countedMinutes: toNumber(values.countedMinutes),
      codes: values.codes.map((c) => ({ code: c.code, units: toNumber(c.units) })),
    },
  }));
  const form = useForm<Form, unknown, AdjustmentCreate>({
    resolver,
    defaultValues: { countedMinutes: '0', codes: [], reason: '' },
  });
  const codes = useFieldArray({ control: form.control, name: 'codes' });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
  }, []);

  const save = useMutation({
    mutationFn: (body: AdjustmentCreate) =>
      api.call('createBillingAdjustment', { params: { clinicId, month }, body }),
    onSuccess: onSaved,
    onError: (error) => {
      if (!isApiError(error)) return;
      for (const [field, message] of bodyFieldErrors(error).byField) {
        if (field === 'reason') form.setError('reason', { message });
      }
    },
  });

  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const errorText = (path: string, label: string) => {
    const message = errors[path]?.message;
    return message ? <p className="field-error">{fieldMessage(label, message)}</p> : null;
  };
  const titleId = `${id}-title`;
  return (
    <dialog
      ref={ref}
      className="registry-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Adjust: {patientName(line)}</h2>
      <p className="hint">
        Closed line: {line.countedMinutes} minutes,{' '}
        {line.codes.map((c) => `${c.code} ×${c.units}`).join(', ') || 'no codes'}.
      </p>
      <form
        noValidate
        onSubmit={(event) => void form.handleSubmit((body) => save.mutate(body))(event)}
      >
        <div className="field">
          <label htmlFor={`${id}-minutes`}>Minutes to add (negative to withdraw)</label>
          <input id={`${id}-minutes`} inputMode="numeric" {...form.register('countedMinutes')} />
          {errorText('delta.countedMinutes', 'Minutes')}
        </div>
        <fieldset className="field">
          <legend>Units per code</legend>
          {codes.fields.map((field, i) => (
            <div key={field.id} className="input-row">
              <label>
                Code
                <select {...form.register(`codes.${i}.code`)}>
                  {CODE_ORDER.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Units (±)
                <input inputMode="numeric" size={4} {...form.register(`codes.${i}.units`)} />
              </label>
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove code change ${i + 1}`}
                onClick={() => codes.remove(i)}
              >
                Remove
              </button>
              {errorText(`delta.codes.${i}.units`, 'Units')}
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => codes.append({ code: line.codes[0]?.code ?? '99493', units: '1' })}
          >
            Add a code change
          </button>
          {errors['delta.codes']?.message && (
            <p className="field-error">
              {/* The contract's sentence starts in lower case; here it stands alone. */}
              {capitalized(errors['delta.codes'].message)}
            </p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <textarea id={`${id}-reason`} rows={2} maxLength={1000} {...form.register('reason')} />
          {errorText('reason', 'Reason')}
        </div>
        {save.isError && <ErrorNotice error={save.error} title="Not saved" />}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save adjustment'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
