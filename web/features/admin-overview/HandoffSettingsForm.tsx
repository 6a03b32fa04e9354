import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '@lib/api';
import { CHIME_MEDIA_REGIONS, HandoffSettings } from '@lib/contracts';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { zodResolver } from '@lib/zodResolver';

interface SettingsForm {
  windowMinutes: string;
  safetyWindowMinutes: string;
  mediaRegion: string;
}

const settingsKey = (clinicId: string) => ['clinic', clinicId, 'handoff-settings'] as const;

const resolver = zodResolver<SettingsForm, typeof HandoffSettings>(HandoffSettings, (values) => ({
  windowMinutes: values.windowMinutes === '' ? undefined : Number(values.windowMinutes),
  safetyWindowMinutes:
    values.safetyWindowMinutes === '' ? undefined : Number(values.safetyWindowMinutes),
  mediaRegion: values.mediaRegion,
}));

/**
 * How long a warm-handoff page waits for a BCM before falling back (routine / urgent, and the
 * shorter safety window) and the video region nearest the clinic.
 */
export function HandoffSettingsForm({ clinicId }: { clinicId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey(clinicId),
    queryFn: ({ signal }) => api.call('getHandoffSettings', { params: { clinicId }, signal }),
  });
  const form = useForm<SettingsForm, unknown, HandoffSettings>({ resolver });
  const { reset } = form;
  useEffect(() => {
    if (settings.data) {
      reset({
        windowMinutes: String(settings.data.windowMinutes),
        safetyWindowMinutes: String(settings.data.safetyWindowMinutes),
        mediaRegion: settings.data.mediaRegion,
      });
    }
  }, [settings.data, reset]);
  const save = useMutation({
    mutationFn: (body: HandoffSettings) =>
      api.call('putHandoffSettings', { params: { clinicId }, body }),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey(clinicId), saved),
  });
  const errors = form.formState.errors;
  return (
    <section className="card" aria-labelledby="handoff-settings-heading">
      <h2 id="handoff-settings-heading">Warm handoff</h2>
      {settings.isPending && <Loading label="Loading settings…" />}
      {settings.isError && <ErrorNotice error={settings.error} />}
      {settings.data && (
        <form onSubmit={(event) => void form.handleSubmit((body) => save.mutate(body))(event)}>
          <div className="field">
            <label htmlFor="window-minutes">Minutes a page waits for a BCM (routine, urgent)</label>
            <input id="window-minutes" inputMode="numeric" {...form.register('windowMinutes')} />
            {errors.windowMinutes && <p className="field-error">{errors.windowMinutes.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="safety-window-minutes">Minutes for a safety page</label>
            <input
              id="safety-window-minutes"
              inputMode="numeric"
              {...form.register('safetyWindowMinutes')}
            />
            {errors.safetyWindowMinutes && (
              <p className="field-error">{errors.safetyWindowMinutes.message}</p>
            )}
          </div>
          <div className="field">
            <label htmlFor="media-region">Video media region (nearest the clinic)</label>
            <select id="media-region" {...form.register('mediaRegion')}>
              {CHIME_MEDIA_REGIONS.map((region) => (
                <option key={region} value={region}>
                  {region}
                </option>
              ))}
            </select>
          </div>
          {save.isError && <ErrorNotice error={save.error} title="Not saved" />}
          {save.isSuccess && !form.formState.isDirty && <p role="status">Saved.</p>}
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </form>
      )}
    </section>
  );
}
