import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { isApiError, useApi } from '@lib/api';
import { PlanUpdate, type EpisodeView } from '@lib/contracts';
import { PAYER_LABEL, TREATMENT_MODALITY_LABEL } from '@lib/registry/labels';
import { ErrorNotice } from '@lib/ui/Status';
import { formatIsoDate } from '@lib/time';
import {
  PlanFields,
  planBody,
  planDefaults,
  useDiagnosisCatalog,
  type PlanFormValues,
} from './PlanFields';
import { bodyPaths, issuePaths } from './useEpisodeUpdate';

/** Diagnoses, target, modality and medications, with "Edit plan" (version-checked on the server). */
export function PlanSection({
  episode,
  onSaved,
}: {
  episode: EpisodeView;
  onSaved: (view: EpisodeView) => void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="card" aria-labelledby="plan-heading">
      <h2 id="plan-heading">Treatment plan</h2>
      {editing ? (
        <PlanForm
          episode={episode}
          onDone={(view) => {
            setEditing(false);
            onSaved(view);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <dl className="facts facts-stacked">
            <div>
              <dt>Diagnoses</dt>
              <dd>
                <ul className="check-list">
                  {episode.diagnoses.map((d) => (
                    <li key={d.code}>
                      <strong>{d.code}</strong> {d.label}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>Target</dt>
              <dd>{episode.target || 'Not set'}</dd>
            </div>
            <div>
              <dt>Modality</dt>
              <dd>
                {episode.modality.length > 0
                  ? episode.modality.map((m) => TREATMENT_MODALITY_LABEL[m]).join(', ')
                  : 'Not set'}
              </dd>
            </div>
            <div>
              <dt>Medications</dt>
              <dd>
                {episode.medications.length > 0 ? (
                  <ul className="check-list">
                    {episode.medications.map((m, i) => (
                      <li key={`${m.name}-${i}`}>
                        {m.name}
                        {m.dose && ` ${m.dose}`}
                        {m.startedOn && ` (since ${formatIsoDate(m.startedOn)})`}
                      </li>
                    ))}
                  </ul>
                ) : (
                  'None recorded'
                )}
              </dd>
            </div>
            <div>
              <dt>Payer</dt>
              <dd>{PAYER_LABEL[episode.payer]}</dd>
            </div>
          </dl>
          {episode.status === 'active' && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit plan
            </button>
          )}
        </>
      )}
    </section>
  );
}

function PlanForm({
  episode,
  onDone,
  onCancel,
}: {
  episode: EpisodeView;
  onDone: (view: EpisodeView) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const catalog = useDiagnosisCatalog(episode.clinicId, episode.diagnoses);
  const form = useForm<PlanFormValues>({ defaultValues: planDefaults(episode) });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const save = useMutation({
    mutationFn: (body: z.output<typeof PlanUpdate>) =>
      api.call('updateEpisodePlan', {
        params: {
          clinicId: episode.clinicId,
          patientId: episode.patientId,
          episodeId: episode.episodeId,
        },
        body,
      }),
    onSuccess: onDone,
    onError: (error) => {
      if (isApiError(error)) setErrors(bodyPaths(error.fields));
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    const parsed = PlanUpdate.safeParse({
      expectedVersion: episode.version,
      ...planBody(values, catalog.items),
    });
    if (!parsed.success) return setErrors(issuePaths(parsed.error.issues));
    setErrors(new Map());
    save.mutate(parsed.data);
  });
  return (
    <form className="registry-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <PlanFields
        idPrefix="plan"
        register={form.register}
        control={form.control}
        catalog={catalog}
        errorOf={(path) => errors.get(path)}
      />
      {save.isError && (
        <ErrorNotice
          error={save.error}
          title={
            isApiError(save.error) && save.error.code === 'conflict'
              ? 'Someone else changed the episode: reload to see their changes'
              : 'Not saved'
          }
        />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save plan'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
