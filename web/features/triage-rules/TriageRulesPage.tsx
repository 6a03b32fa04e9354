import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { Link } from 'react-router';
import { describeError, isApiError, useApi, type ApiResponse } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { routes, type TriageRuleSet } from '@lib/contracts';
import { getInstrument } from '@lib/instruments';
import { ScopeAndBundles, scopeSettingsOf } from './ScopeAndBundles';
import { paths } from '@lib/paths';
import { queryKeys } from '@lib/queries';
import { formatDateTime } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { fieldMessage } from '@lib/zodResolver';
import { previewRanges, previewSentence, type Timing } from './preview';

/** The publish body, from the route table (features reach contracts only through lib/). */
const PublishBody = routes.publishTriageRules.body;
type PublishBody = ReturnType<typeof PublishBody.parse>;

const triageRulesKey = (clinicId: string) => ['clinic', clinicId, 'triage-rules'] as const;

const INSTRUMENTS = [
  { key: 'phq9', id: 'PHQ9' },
  { key: 'gad7', id: 'GAD7' },
] as const;
type InstrumentKey = (typeof INSTRUMENTS)[number]['key'];
const THRESHOLDS = ['pcpAddressesFrom', 'offerBhFrom', 'warmHandoffFrom'] as const;
type ThresholdName = (typeof THRESHOLDS)[number];

const THRESHOLD_LABELS: Record<ThresholdName, string> = {
  pcpAddressesFrom: 'PCP addresses from total',
  offerBhFrom: 'Offer behavioral health from total',
  warmHandoffFrom: 'Warm handoff from total',
};

/**
 * The form holds strings as typed, one flat field per setting (react-hook-form keys without dots);
 * FIELDS maps each to its path in the rule set, which is also the server's field name minus "body.".
 */
const FIELDS = {
  phq9_pcpAddressesFrom: {
    path: 'phq9.pcpAddressesFrom',
    label: THRESHOLD_LABELS.pcpAddressesFrom,
  },
  phq9_offerBhFrom: { path: 'phq9.offerBhFrom', label: THRESHOLD_LABELS.offerBhFrom },
  phq9_warmHandoffFrom: { path: 'phq9.warmHandoffFrom', label: THRESHOLD_LABELS.warmHandoffFrom },
  gad7_pcpAddressesFrom: {
    path: 'gad7.pcpAddressesFrom',
    label: THRESHOLD_LABELS.pcpAddressesFrom,
  },
  gad7_offerBhFrom: { path: 'gad7.offerBhFrom', label: THRESHOLD_LABELS.offerBhFrom },
  gad7_warmHandoffFrom: { path: 'gad7.warmHandoffFrom', label: THRESHOLD_LABELS.warmHandoffFrom },
  phq9Item9SafetyFrom: {
    path: 'phq9Item9SafetyFrom',
    label: 'PHQ-9 item 9 safety flag from answer',
  },
  offerBhWithinDays: { path: 'offerBhWithinDays', label: 'Offered BH visit within (days)' },
  urgentWithinHours: { path: 'urgentWithinHours', label: 'Urgent BH visit within (hours)' },
  pcptsd5CutPoint: { path: 'pcptsd5CutPoint', label: 'PC-PTSD-5 positive from (yes answers)' },
} as const;
type FieldName = keyof typeof FIELDS;
type RulesForm = Record<FieldName, string>;

const fieldNames = Object.keys(FIELDS) as FieldName[];
const fieldByPath = new Map<string, FieldName>(fieldNames.map((name) => [FIELDS[name].path, name]));
const thresholdField = (key: InstrumentKey, name: ThresholdName) =>
  `${key}_${name}` as Extract<FieldName, `${InstrumentKey}_${ThresholdName}`>;

const toForm = (rules: TriageRuleSet): RulesForm => {
  const form = {} as RulesForm;
  for (const name of fieldNames) {
    const value = FIELDS[name].path
      .split('.')
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], rules);
    // A rule set published before the PC-PTSD-5 setting existed uses its default, 3.
    form[name] = String(value ?? (name === 'pcptsd5CutPoint' ? 3 : ''));
  }
  return form;
};

const toNumber = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
};

const toSettings = (form: RulesForm) => {
  const number = (name: FieldName) => toNumber(form[name]);
  const thresholds = (key: InstrumentKey) => ({
    pcpAddressesFrom: number(thresholdField(key, 'pcpAddressesFrom')),
    offerBhFrom: number(thresholdField(key, 'offerBhFrom')),
    warmHandoffFrom: number(thresholdField(key, 'warmHandoffFrom')),
  });
  return {
    phq9: thresholds('phq9'),
    gad7: thresholds('gad7'),
    phq9Item9SafetyFrom: number('phq9Item9SafetyFrom'),
    offerBhWithinDays: number('offerBhWithinDays'),
    urgentWithinHours: number('urgentWithinHours'),
    pcptsd5CutPoint: number('pcptsd5CutPoint'),
  };
};

/**
 * The contract's shape checks, plus the ordering the server's validateTriageRules enforces (so the
 * common mistake is caught before a round trip; the server still decides and its errors land here).
 */
const resolverFor =
  (expectedVersion: number): Resolver<RulesForm, unknown, PublishBody> =>
  async (values) => {
    const input = { expectedVersion, ...toSettings(values) };
    const errors: Partial<Record<FieldName, { type: string; message: string }>> = {};
    const result = await PublishBody.safeParseAsync(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const name = fieldByPath.get(issue.path.map(String).join('.'));
        if (!name || errors[name]) continue;
        const missing = values[name].trim() === '';
        errors[name] = { type: issue.code, message: missing ? 'is required' : issue.message };
      }
    } else {
      for (const { key, id } of INSTRUMENTS) {
        const max = getInstrument(id).maxTotal;
        const t = result.data[key];
        THRESHOLDS.forEach((name, i) => {
          const field = thresholdField(key, name);
          const previous = i > 0 ? THRESHOLDS[i - 1] : undefined;
          if (t[name] > max) errors[field] = { type: 'range', message: `must be at most ${max}` };
          else if (previous && t[name] <= t[previous]) {
            errors[field] = {
              type: 'order',
              message: `must be greater than ${THRESHOLD_LABELS[previous].toLowerCase()} (${t[previous]})`,
            };
          }
        });
      }
    }
    if (Object.keys(errors).length > 0) return { values: {}, errors };
    if (!result.success) {
      // Only expectedVersion (taken from the server) can fail unmapped: never submit a partial body.
      const root = { root: { type: 'invalid', message: 'Reload the page and try again.' } };
      return { values: {}, errors: root as FieldErrors<RulesForm> };
    }
    return { values: result.data, errors: {} };
  };

/** The clinic admin's triage rules: current thresholds, a live preview, publish, and history. */
export function TriageRulesPage() {
  const api = useApi();
  const { clinicId } = useClinic();
  const rules = useInfiniteQuery({
    queryKey: triageRulesKey(clinicId),
    queryFn: ({ pageParam, signal }) =>
      api.call('getTriageRules', {
        params: { clinicId },
        query: { limit: 20, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const current = rules.data?.pages[0]?.current;
  const versions = rules.data?.pages.flatMap((page) => page.versions) ?? [];
  const [published, setPublished] = useState<number | null>(null);

  return (
    <>
      <title>Triage rules — Behavioral health consult</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.area(clinicId, 'admin')}>Clinic overview</Link>
      </nav>
      <h1>Triage rules</h1>
      <p className="lead">
        The thresholds that turn a screening's scores into a disposition. Publishing makes a new
        version: screenings submitted from then on use it, and every stored result keeps the version
        that decided it.
      </p>
      {rules.isPending && <Loading label="Loading triage rules…" />}
      {rules.isError && <ErrorNotice error={rules.error} onRetry={() => void rules.refetch()} />}
      {published !== null && (
        <p className="notice" role="status">
          Version {published} published. Screenings submitted from now on are triaged with it.
        </p>
      )}
      {current && (
        // A new current version remounts the form with its values (and a fresh expectedVersion).
        <RulesForm
          key={current.version}
          current={current}
          onPublished={setPublished}
          onReload={() => void rules.refetch()}
        />
      )}
      {current && (
        <section className="card" aria-labelledby="versions-heading">
          <h2 id="versions-heading">Version history</h2>
          <VersionList versions={versions} currentVersion={current.version} />
          {rules.hasNextPage && (
            <button
              type="button"
              className="button"
              disabled={rules.isFetchingNextPage}
              onClick={() => void rules.fetchNextPage()}
            >
              {rules.isFetchingNextPage ? 'Loading…' : 'Load older versions'}
            </button>
          )}
        </section>
      )}
    </>
  );
}

function VersionList({
  versions,
  currentVersion,
}: {
  versions: ApiResponse<'getTriageRules'>['versions'];
  currentVersion: number;
}) {
  const { timeZone } = useClinic();
  return (
    <ol className="user-list" aria-label="Published versions, newest first">
      {versions.map((v) => (
        <li key={v.version}>
          <strong>Version {v.version}</strong>
          {v.version === currentVersion && ' (current)'} — published{' '}
          {formatDateTime(v.createdAt, timeZone)} by <code>{v.createdBy}</code>
        </li>
      ))}
    </ol>
  );
}

function RulesForm({
  current,
  onPublished,
  onReload,
}: {
  current: TriageRuleSet;
  onPublished: (version: number | null) => void;
  onReload: () => void;
}) {
  const api = useApi();
  const { clinicId } = useClinic();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  const form = useForm<RulesForm, unknown, PublishBody>({
    resolver: resolverFor(current.version),
    defaultValues: toForm(current),
    shouldFocusError: true,
  });
  const { errors, isDirty: formDirty } = form.formState;
  const [scope, setScope] = useState(() => scopeSettingsOf(current));
  const [scopeDirty, setScopeDirty] = useState(false);
  const [scopeErrors, setScopeErrors] = useState<string[]>([]);
  const isDirty = formDirty || scopeDirty;
  const watched = useWatch({ control: form.control });

  const publish = useMutation({
    mutationFn: (body: PublishBody) =>
      api.call('publishTriageRules', { params: { clinicId }, body }),
    onSuccess: (rules) => {
      onPublished(rules.version);
      void queryClient.invalidateQueries({ queryKey: triageRulesKey(clinicId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clinic(clinicId), exact: true });
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setGeneral(describeError(error));
        return;
      }
      if (error.code === 'conflict') {
        setStale(true);
        setGeneral(
          'Someone else published new triage rules while you were editing. Load the latest ' +
            'version, then make your changes again.',
        );
        return;
      }
      const rest: string[] = [];
      const scopeIssues: string[] = [];
      let first = true;
      for (const issue of error.fields) {
        const name = issue.field.startsWith('body.')
          ? fieldByPath.get(issue.field.slice('body.'.length))
          : undefined;
        if (name) {
          form.setError(name, { type: 'server', message: issue.message }, { shouldFocus: first });
          first = false;
        } else if (/^body\.(inHouseTiers|screeningBundles)/.test(issue.field)) {
          scopeIssues.push(`${issue.field.slice('body.'.length)}: ${issue.message}`);
        } else {
          rest.push(`${issue.field}: ${issue.message}`);
        }
      }
      setScopeErrors(scopeIssues);
      setGeneral(
        error.fields.length > 0 && rest.length === 0
          ? 'Some settings are not valid: see the fields marked below.'
          : [describeError(error), ...rest].join(' '),
      );
    },
  });

  const onSubmit = form.handleSubmit((body) => {
    setGeneral(null);
    onPublished(null);
    setScopeErrors([]);
    // The rule set is published whole: scope and screening sets travel with the thresholds.
    publish.mutate({ ...body, ...scope });
  });

  const settings = toSettings({ ...toForm(current), ...watched } as RulesForm);
  const timing: Timing = {
    offerBhWithinDays: settings.offerBhWithinDays ?? current.offerBhWithinDays,
    urgentWithinHours: settings.urgentWithinHours ?? current.urgentWithinHours,
  };

  const fieldProps = (name: FieldName) => ({
    id: `rules-${name}`,
    type: 'number',
    inputMode: 'numeric' as const,
    step: 1,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `rules-${name}-error` : undefined,
  });

  return (
    <form
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      className="form"
      aria-labelledby="form-heading"
    >
      <section className="card">
        <h2 id="form-heading">Current rules (version {current.version})</h2>
        {errors.root && (
          <p className="notice notice-error" role="alert">
            {errors.root.message}
          </p>
        )}
        {general && (
          <div className="notice notice-error" role="alert">
            <p>{general}</p>
            {stale && (
              <button type="button" className="button" onClick={onReload}>
                Load the latest version
              </button>
            )}
          </div>
        )}
        {INSTRUMENTS.map(({ key, id }) => {
          const instrument = getInstrument(id);
          const ranges = previewRanges(
            {
              pcpAddressesFrom: settings[key].pcpAddressesFrom ?? Number.NaN,
              offerBhFrom: settings[key].offerBhFrom ?? Number.NaN,
              warmHandoffFrom: settings[key].warmHandoffFrom ?? Number.NaN,
            },
            instrument.maxTotal,
            timing,
          );
          return (
            <fieldset key={key}>
              <legend>
                {instrument.name} (total 0–{instrument.maxTotal})
              </legend>
              <div className="form-grid">
                {THRESHOLDS.map((name) => {
                  const field = thresholdField(key, name);
                  return (
                    <NumberField key={field} name={field} error={errors[field]?.message}>
                      <input
                        {...form.register(field)}
                        {...fieldProps(field)}
                        min={0}
                        max={instrument.maxTotal}
                      />
                    </NumberField>
                  );
                })}
              </div>
              <p className="hint" id={`rules-${key}-preview`}>
                <strong>Preview: </strong>
                {ranges
                  ? previewSentence(instrument.name, ranges)
                  : 'each threshold must be higher than the one before it, within the scale.'}
              </p>
            </fieldset>
          );
        })}
        <fieldset>
          <legend>Safety and follow-up timing</legend>
          <div className="form-grid">
            <NumberField name="phq9Item9SafetyFrom" error={errors.phq9Item9SafetyFrom?.message}>
              <input
                {...form.register('phq9Item9SafetyFrom')}
                {...fieldProps('phq9Item9SafetyFrom')}
                min={1}
                max={3}
              />
            </NumberField>
            <NumberField name="offerBhWithinDays" error={errors.offerBhWithinDays?.message}>
              <input
                {...form.register('offerBhWithinDays')}
                {...fieldProps('offerBhWithinDays')}
                min={1}
                max={90}
              />
            </NumberField>
            <NumberField name="urgentWithinHours" error={errors.urgentWithinHours?.message}>
              <input
                {...form.register('urgentWithinHours')}
                {...fieldProps('urgentWithinHours')}
                min={1}
                max={168}
              />
            </NumberField>
            <NumberField name="pcptsd5CutPoint" error={errors.pcptsd5CutPoint?.message}>
              <input
                {...form.register('pcptsd5CutPoint')}
                {...fieldProps('pcptsd5CutPoint')}
                min={1}
                max={5}
              />
            </NumberField>
          </div>
          <p className="hint">
            <strong>Preview: </strong>
            PHQ-9 item 9 answered {settings.phq9Item9SafetyFrom ?? '?'} or higher → safety flag
            whatever the total: the PCP addresses safety now and a warm handoff today. PC-PTSD-5
            with {settings.pcptsd5CutPoint ?? '?'} or more “yes” answers → positive (3 is the most
            sensitive cut, 4 the most efficient).
          </p>
        </fieldset>
        <ScopeAndBundles
          value={scope}
          errors={scopeErrors}
          onChange={(next) => {
            setScope(next);
            setScopeDirty(true);
          }}
        />
        <div className="actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={publish.isPending || stale}
          >
            {publish.isPending ? 'Publishing…' : `Publish as version ${current.version + 1}`}
          </button>
          <button
            type="button"
            className="button"
            disabled={publish.isPending || !isDirty}
            onClick={() => {
              form.reset(toForm(current));
              setGeneral(null);
            }}
          >
            Discard changes
          </button>
        </div>
      </section>
    </form>
  );
}

function NumberField({
  name,
  error,
  children,
}: {
  name: FieldName;
  error: string | undefined;
  children: ReactNode;
}) {
  const { label } = FIELDS[name];
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`rules-${name}`}>{label}</label>
      {children}
      {error && (
        <p className="field-error" id={`rules-${name}-error`}>
          {fieldMessage(label, error)}
        </p>
      )}
    </div>
  );
}
