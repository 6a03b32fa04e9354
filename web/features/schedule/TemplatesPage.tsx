import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { describeError, isApiError, useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import type { TemplateBlock } from '@lib/contracts';
import { defaultClinicSchedulingSettings } from '@lib/contracts';
import { defaultTemplateBlocks, validateTemplate } from '@lib/scheduling';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { kindLabel } from './schedule';
import { SettingsForm } from './SettingsForm';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const KINDS = Object.keys(kindLabel) as TemplateBlock['kind'][];

/**
 * The clinic admin's schedule templates: per provider and weekday, from a date, in the clinic's
 * local time. Blocks are checked here as the server will (grid, within the day, no overlap); the
 * server also refuses a block that puts the provider in another clinic at the same time.
 */
export function TemplatesPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId, clinicName } = useClinic();
  const key = ['clinic', clinicId, 'schedule-templates'];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.call('listScheduleTemplates', { params: { clinicId }, query: { limit: 100 }, signal }),
  });
  const [providerId, setProviderId] = useState('');
  const [weekday, setWeekday] = useState(1);
  const [effectiveFrom, setEffectiveFrom] = useState(() => new Date().toISOString().slice(0, 10));
  const [blocks, setBlocks] = useState<TemplateBlock[]>(() =>
    defaultTemplateBlocks(defaultClinicSchedulingSettings()),
  );
  const [message, setMessage] = useState<string | null>(null);
  const ids = { provider: useId(), weekday: useId(), from: useId() };
  const issues = validateTemplate({ blocks });

  const save = useMutation({
    mutationFn: () =>
      api.call('saveScheduleTemplate', {
        params: { clinicId },
        body: { providerId, weekday, effectiveFrom, blocks },
      }),
    onSuccess: () => {
      setMessage('Template saved. Slots appear with the next generation run.');
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) =>
      setMessage(
        [
          describeError(error),
          ...(isApiError(error) ? error.fields.map((f) => `${f.field}: ${f.message}`) : []),
        ].join(' '),
      ),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (providerId && issues.length === 0) save.mutate();
  };
  const setBlock = (index: number, change: Partial<TemplateBlock>) =>
    setBlocks((all) => all.map((b, i) => (i === index ? { ...b, ...change } : b)));

  return (
    <>
      <title>{`Schedule templates — ${clinicName}`}</title>
      <h1>Schedule templates</h1>
      {list.isPending && <Loading />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && (
        <section className="card" aria-labelledby="templates-heading">
          <h2 id="templates-heading">Templates in effect</h2>
          {list.data.items.length === 0 && <p>No templates yet.</p>}
          <ul>
            {list.data.items.map((t) => (
              <li key={`${t.providerId}-${t.weekday}-${t.effectiveFrom}`}>
                {list.data.providers.find((p) => p.userId === t.providerId)?.displayName ??
                  t.providerId}
                {' · '}
                {WEEKDAYS[t.weekday - 1]} from {t.effectiveFrom} · {t.blocks.length} blocks (
                {t.blocks[0]?.start}–)
              </li>
            ))}
          </ul>
        </section>
      )}
      <form className="card" onSubmit={onSubmit} aria-labelledby="edit-heading">
        <h2 id="edit-heading">Add or replace a template</h2>
        <div className="input-row">
          <label htmlFor={ids.provider}>Provider</label>
          <select
            id={ids.provider}
            value={providerId}
            onChange={(e) => setProviderId(e.target.value)}
          >
            <option value="">Choose…</option>
            {list.data?.providers.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.displayName} ({p.role})
              </option>
            ))}
          </select>
          <label htmlFor={ids.weekday}>Weekday</label>
          <select
            id={ids.weekday}
            value={weekday}
            onChange={(e) => setWeekday(Number(e.target.value))}
          >
            {WEEKDAYS.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
          <label htmlFor={ids.from}>From</label>
          <input
            id={ids.from}
            type="date"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
          />
        </div>
        <table className="schedule-table" aria-label="Blocks (clinic local time)">
          <thead>
            <tr>
              <th scope="col">Start</th>
              <th scope="col">Minutes</th>
              <th scope="col">Kind</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {blocks.map((block, index) => (
              <tr key={index}>
                <td>
                  <input
                    aria-label={`Block ${index + 1} start`}
                    type="time"
                    step={300}
                    value={block.start}
                    onChange={(e) => setBlock(index, { start: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Block ${index + 1} minutes`}
                    type="number"
                    min={5}
                    step={5}
                    value={block.minutes}
                    onChange={(e) => setBlock(index, { minutes: Number(e.target.value) })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Block ${index + 1} kind`}
                    value={block.kind}
                    onChange={(e) =>
                      setBlock(index, { kind: e.target.value as TemplateBlock['kind'] })
                    }
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {kindLabel[k]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setBlocks((all) => all.filter((_, i) => i !== index))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {issues.length > 0 && (
          <ul role="alert">
            {issues.map((issue) => (
              <li key={issue.field + issue.message}>
                Block {Number(issue.field.split('.')[2]) + 1}: {issue.message}
              </li>
            ))}
          </ul>
        )}
        <div className="input-row">
          <button
            type="button"
            className="button"
            onClick={() =>
              setBlocks((all) => [...all, { kind: 'follow-up', start: '17:00', minutes: 30 }])
            }
          >
            Add block
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setBlocks(defaultTemplateBlocks(defaultClinicSchedulingSettings()))}
          >
            Default day
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={!providerId || issues.length > 0}
          >
            Save template
          </button>
        </div>
        {message && <p aria-live="polite">{message}</p>}
      </form>
      <SettingsForm clinicId={clinicId} />
    </>
  );
}
