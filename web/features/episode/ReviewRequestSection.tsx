import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { bodyFieldErrors, isApiError, useApi } from '@lib/api';
import { ReviewRequestBody, type EpisodeView } from '@lib/contracts';
import { ErrorNotice } from '@lib/ui/Status';
import { formatDateTime } from '@lib/time';
import { fieldMessage, zodResolver } from '@lib/zodResolver';

type Form = { question: string };
const resolver = zodResolver<Form, typeof ReviewRequestBody>(ReviewRequestBody);

/** "Ask the psychiatrist": flags the case for the next review with the BCM's question. */
export function ReviewRequestSection({
  episode,
  onSaved,
  nameOf,
}: {
  episode: EpisodeView;
  onSaved: (view: EpisodeView) => void;
  nameOf: (userId: string) => string;
}) {
  const api = useApi();
  const form = useForm<Form, unknown, z.output<typeof ReviewRequestBody>>({
    resolver,
    defaultValues: { question: '' },
  });
  const [serverError, setServerError] = useState<string | undefined>();
  const ask = useMutation({
    mutationFn: (body: z.output<typeof ReviewRequestBody>) =>
      api.call('requestPsychiatricReview', {
        params: {
          clinicId: episode.clinicId,
          patientId: episode.patientId,
          episodeId: episode.episodeId,
        },
        body,
      }),
    onSuccess: (view) => {
      form.reset({ question: '' });
      onSaved(view);
    },
    onError: (error) => {
      if (isApiError(error)) setServerError(bodyFieldErrors(error).byField.get('question'));
    },
  });
  const request = episode.reviewRequest;
  const error = form.formState.errors.question?.message ?? serverError;
  return (
    <section className="card" aria-labelledby="review-request-heading">
      <h2 id="review-request-heading">Ask the psychiatrist</h2>
      {request && (
        <p className="notice" data-testid="review-request">
          {nameOf(request.by)} asked on {formatDateTime(request.at, episode.timeZone)}:{' '}
          <q>{request.question}</q> The case is flagged for the next review.
        </p>
      )}
      <form
        className="registry-form"
        onSubmit={(e) => void form.handleSubmit((body) => ask.mutate(body))(e)}
        noValidate
      >
        <div className="field">
          <label htmlFor="review-question">
            {request ? 'Replace the question' : 'Question for the psychiatric consultant'}
          </label>
          <textarea
            id="review-question"
            rows={3}
            maxLength={1000}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'review-question-error' : undefined}
            {...form.register('question')}
          />
          {error && (
            <p className="field-error" id="review-question-error">
              {fieldMessage('Question', error)}
            </p>
          )}
        </div>
        {ask.isError && !serverError && <ErrorNotice error={ask.error} title="Not sent" />}
        <button type="submit" className="button" disabled={ask.isPending}>
          {ask.isPending ? 'Sending…' : 'Ask for a review'}
        </button>
      </form>
    </section>
  );
}
