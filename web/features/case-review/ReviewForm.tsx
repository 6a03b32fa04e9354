import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import type * as z from 'zod';
import { isApiError, useApi } from '@lib/api';
import { RecommendationKind, ReviewBody, type CaseSummary } from '@lib/contracts';
import { RECOMMENDATION_KIND_LABEL } from '@lib/registry/review';
import { ErrorNotice } from '@lib/ui/Status';
import { fieldMessage, zodResolver } from '@lib/zodResolver';

const MAX_RECOMMENDATIONS = 10;

interface ReviewFormValues {
  minutes: string;
  summary: string;
  recommendations: { kind: z.infer<typeof RecommendationKind>; text: string }[];
}

type Body = z.output<typeof ReviewBody>;

const resolverFor = (reviewSessionId: string | undefined) =>
  zodResolver<ReviewFormValues, typeof ReviewBody>(ReviewBody, (values) => ({
    reviewSessionId,
    minutes: values.minutes.trim() === '' ? undefined : Number(values.minutes),
    summary: values.summary,
    recommendations: values.recommendations,
  }));

/**
 * The psychiatrist's review of the case: minutes spent, a short summary and up to ten
 * recommendations, each routed to the patient's PCP. Recorded in one request (one transaction).
 */
export function ReviewForm({
  params,
  reviewSessionId,
  pcpName,
  onRecorded,
}: {
  params: { clinicId: string; patientId: string; episodeId: string };
  reviewSessionId?: string;
  pcpName: string;
  onRecorded: (summary: CaseSummary, sent: number) => void;
}) {
  const api = useApi();
  const id = useId();
  const form = useForm<ReviewFormValues, unknown, Body>({
    resolver: resolverFor(reviewSessionId),
    defaultValues: { minutes: '', summary: '', recommendations: [] },
  });
  const recs = useFieldArray({ control: form.control, name: 'recommendations' });
  const record = useMutation({
    mutationFn: (body: Body) => api.call('recordPsychiatricReview', { params, body }),
    onSuccess: (summary, body) => {
      form.reset({ minutes: '', summary: '', recommendations: [] });
      onRecorded(summary, body.recommendations.length);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      for (const issue of error.fields) {
        const name = issue.field.replace(/^body\./, '');
        if (name === 'minutes' || name === 'summary' || name.startsWith('recommendations.')) {
          form.setError(name as 'minutes', { message: issue.message });
        }
      }
    },
  });
  const errors = form.formState.errors;
  return (
    <form
      className="card review-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => void form.handleSubmit((body) => record.mutate(body))(event)}
    >
      <h2 id={`${id}-heading`}>Record your review</h2>
      {reviewSessionId && <p className="hint">Recorded as part of the case-review session.</p>}
      <div className="field">
        <label htmlFor={`${id}-minutes`}>Minutes spent on this case</label>
        <input
          id={`${id}-minutes`}
          inputMode="numeric"
          className="input-short"
          aria-invalid={errors.minutes ? true : undefined}
          {...form.register('minutes')}
        />
        {errors.minutes && (
          <p className="field-error">{fieldMessage('Minutes', errors.minutes.message ?? '')}</p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-summary`}>Review summary (optional)</label>
        <textarea id={`${id}-summary`} rows={3} maxLength={2000} {...form.register('summary')} />
        {errors.summary && (
          <p className="field-error">{fieldMessage('Summary', errors.summary.message ?? '')}</p>
        )}
      </div>
      <fieldset className="review-recs">
        <legend>Recommendations to {pcpName}</legend>
        {recs.fields.length === 0 && <p className="hint">No recommendations yet.</p>}
        <ol>
          {recs.fields.map((field, index) => {
            const n = index + 1;
            const textError = errors.recommendations?.[index]?.text?.message;
            return (
              <li key={field.id} className="review-rec">
                <div className="field">
                  <label htmlFor={`${id}-kind-${index}`}>Recommendation {n}: kind</label>
                  <select
                    id={`${id}-kind-${index}`}
                    {...form.register(`recommendations.${index}.kind`)}
                  >
                    {RecommendationKind.options.map((kind) => (
                      <option key={kind} value={kind}>
                        {RECOMMENDATION_KIND_LABEL[kind]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-text-${index}`}>Recommendation {n}: what to do</label>
                  <textarea
                    id={`${id}-text-${index}`}
                    rows={2}
                    maxLength={2000}
                    aria-invalid={textError ? true : undefined}
                    {...form.register(`recommendations.${index}.text`)}
                  />
                  {textError && (
                    <p className="field-error">{fieldMessage('The recommendation', textError)}</p>
                  )}
                </div>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => recs.remove(index)}
                >
                  Remove recommendation {n}
                </button>
              </li>
            );
          })}
        </ol>
        {recs.fields.length < MAX_RECOMMENDATIONS && (
          <button
            type="button"
            className="button button-small"
            onClick={() => recs.append({ kind: 'medication_change', text: '' })}
          >
            Add a recommendation
          </button>
        )}
      </fieldset>
      {record.isError && <ErrorNotice error={record.error} title="The review was not recorded" />}
      <button type="submit" className="button button-primary" disabled={record.isPending}>
        {record.isPending ? 'Recording…' : 'Record review'}
      </button>
    </form>
  );
}
