import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { bodyFieldErrors, describeError, isApiError, useApi } from '../api';
import type { RecommendationView } from '../contracts';
import type * as z from 'zod';
import './review.css';

type Rec = z.infer<typeof RecommendationView>;

/**
 * The addressed PCP's answers to a recommendation: acknowledge it, then mark it implemented or
 * declined (a reason is required to decline; the server names the field when it is missing).
 */
export function RecommendationActions({
  rec,
  onChanged,
}: {
  rec: Rec;
  onChanged: (next: Rec) => void;
}) {
  const api = useApi();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonId = useId();
  const params = {
    clinicId: rec.clinicId,
    patientId: rec.patientId,
    recommendationId: rec.recommendationId,
  };
  const acknowledge = useMutation({
    mutationFn: () => api.call('acknowledgeRecommendation', { params }),
    onSuccess: onChanged,
  });
  const resolve = useMutation({
    mutationFn: (body: { outcome: 'implemented' | 'declined'; reason?: string }) =>
      api.call('resolveRecommendation', { params, body }),
    onSuccess: (next) => {
      setDeclining(false);
      onChanged(next);
    },
    onError: (error) => {
      if (isApiError(error)) setReasonError(bodyFieldErrors(error).byField.get('reason') ?? null);
    },
  });
  if (rec.status === 'implemented' || rec.status === 'declined') return null;
  const busy = acknowledge.isPending || resolve.isPending;
  const error = acknowledge.error ?? (reasonError ? null : resolve.error);
  const onDecline = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setReasonError('give the reason for declining');
      return;
    }
    setReasonError(null);
    resolve.mutate({ outcome: 'declined', reason: reason.trim() });
  };
  const what = `the ${rec.kind.replace(/_/g, ' ')} recommendation for ${rec.patientLabel}`;
  return (
    <div className="rec-actions">
      <div className="actions">
        {rec.status === 'sent' && (
          <button
            type="button"
            className="button button-primary button-small"
            disabled={busy}
            aria-label={`Acknowledge ${what}`}
            onClick={() => acknowledge.mutate()}
          >
            Acknowledge
          </button>
        )}
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          aria-label={`Mark implemented: ${what}`}
          onClick={() => resolve.mutate({ outcome: 'implemented' })}
        >
          Implemented
        </button>
        {!declining && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            aria-label={`Decline ${what}`}
            onClick={() => setDeclining(true)}
          >
            Decline…
          </button>
        )}
      </div>
      {declining && (
        <form onSubmit={onDecline} className="rec-decline">
          <div className="field">
            <label htmlFor={reasonId}>Reason for declining</label>
            <textarea
              id={reasonId}
              value={reason}
              maxLength={1000}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {reasonError && (
              <p className="field-error" id={`${reasonId}-error`}>
                Reason {reasonError}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" className="button button-small button-danger" disabled={busy}>
              Decline with this reason
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => setDeclining(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && <p role="alert">{describeError(error)}</p>}
    </div>
  );
}
