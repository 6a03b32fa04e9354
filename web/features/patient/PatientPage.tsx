import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import type { Patient, ScreeningBundle } from '@lib/contracts';
import { paths } from '@lib/paths';
import { queryKeys, usePatient } from '@lib/queries';
import { ScreeningTable } from '@lib/ui/screenings';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { ageOn, formatIsoDate, isoDateIn, useNow } from '@lib/time';
import { PatientModeEndedNotice } from '@lib/ui/PatientModeEndedNotice';
import { MeasuresChart } from './MeasuresChart';
import { SafetySummary } from './SafetySummary';
import { EpisodeCard } from '@lib/registry/EpisodeCard';
import { LoadMore } from '@lib/ui/LoadMore';
import { RequestHandoff } from '@lib/handoff/RequestHandoff';
import { CareThreadSlot } from '@lib/registry/CareThreadSlot';
import { DEFAULT_SCREENING_BUNDLES } from '@lib/instruments';
import { patientModePin, PIN_PATTERN } from '@lib/patient-mode-pin';
import { useState } from 'react';

const SEX_LABEL: Record<Patient['sexAtBirth'], string> = {
  female: 'Female',
  male: 'Male',
  unknown: 'Unknown',
};
const LANGUAGE_LABEL: Record<Patient['preferredLanguage'], string> = {
  en: 'English',
  es: 'Spanish (Español)',
};

/** One patient: who they are, their screenings, and the button that starts patient mode. */
export function PatientPage() {
  const { patientId = '' } = useParams();
  const { clinicId } = useClinic();
  const patient = usePatient(clinicId, patientId);

  if (patient.data) return <PatientDetails patient={patient.data} />;
  if (!patient.isError) return <Loading label="Loading patient…" />;
  return (
    <>
      <title>Patient — Behavioral health consult</title>
      <h1>Patient</h1>
      <ErrorNotice error={patient.error} onRetry={() => void patient.refetch()} />
      <p>
        <Link to={paths.clinicHome(clinicId)}>Back to clinic home</Link>
      </p>
    </>
  );
}

function PatientDetails({ patient }: { patient: Patient }) {
  const { clinicId, timeZone } = useClinic();
  const navigate = useNavigate();
  const now = useNow();
  const age = ageOn(patient.dateOfBirth, isoDateIn(now, timeZone));
  const name = `${patient.givenName} ${patient.familyName}`;
  const bundles = useScreeningBundles(clinicId);
  const [bundleId, setBundleId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState(false);
  const handOver = () => {
    // No PIN: ending patient mode will take a new sign-in instead.
    if (pin !== '' && !PIN_PATTERN.test(pin)) {
      setPinError(true);
      return;
    }
    if (pin === '') patientModePin.clear();
    else patientModePin.set(pin);
    void navigate(paths.screen(clinicId, patient.patientId, bundle.instruments));
  };
  const bundle = bundles.find((b) => b.id === bundleId) ?? bundles[0] ?? DEFAULT_BUNDLE;
  return (
    <>
      <title>{`${name} — Behavioral health consult`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.clinicHome(clinicId)}>Clinic home</Link>
      </nav>
      <PatientModeEndedNotice />
      <div className="patient-head">
        <div>
          <h1>{name}</h1>
          <dl className="facts">
            <div>
              <dt>Date of birth</dt>
              <dd>
                {formatIsoDate(patient.dateOfBirth)}
                {age !== null && ` (age ${age})`}
              </dd>
            </div>
            <div>
              <dt>MRN</dt>
              <dd>{patient.mrn ?? 'None recorded'}</dd>
            </div>
            <div>
              <dt>Sex at birth</dt>
              <dd>{SEX_LABEL[patient.sexAtBirth]}</dd>
            </div>
            <div>
              <dt>Preferred language</dt>
              <dd>{LANGUAGE_LABEL[patient.preferredLanguage]}</dd>
            </div>
          </dl>
        </div>
        <div className="patient-actions">
          <button type="button" className="button button-primary button-large" onClick={handOver}>
            Hand tablet to patient
          </button>
          <BundlePicker bundles={bundles} value={bundle.id} onChange={setBundleId} />
          <div className="field">
            <label htmlFor="patient-mode-pin">Staff PIN to end patient mode (4–8 digits)</label>
            <input
              id="patient-mode-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              aria-invalid={pinError ? true : undefined}
              aria-describedby="patient-mode-pin-hint"
              onChange={(e) => {
                setPin(e.target.value);
                setPinError(false);
              }}
            />
            <p className="hint" id="patient-mode-pin-hint">
              {pinError
                ? 'Use 4 to 8 digits, or leave it empty.'
                : 'Kept only in this tab’s memory. Without one, ending patient mode needs a new sign-in.'}
            </p>
          </div>
          <DownloadFhirButton patientId={patient.patientId} />
          <RequestHandoff clinicId={clinicId} patientId={patient.patientId} />
        </div>
      </div>
      <SafetySummary patientId={patient.patientId} />
      <EpisodeCard patientId={patient.patientId} />
      <ScreeningHistory patientId={patient.patientId} />
      <CareThreadSlot patientId={patient.patientId} />
    </>
  );
}

/** Saves JSON as a file: a Blob behind a temporary object URL and a hidden <a download>. */
function saveJson(data: unknown, fileName: string) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link); // Safari and Firefox only follow a link that is in the document
  link.click();
  link.remove();
  // Safari reads the blob after click() returns: revoking at once can cancel the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The patient's screenings as a FHIR R4 Bundle (the export is audited on the server). */
function DownloadFhirButton({ patientId }: { patientId: string }) {
  const api = useApi();
  const { clinicId } = useClinic();
  const download = useMutation({
    mutationFn: () => api.call('exportPatientFhir', { params: { clinicId, patientId } }),
    // The file name carries ids only, never the patient's name.
    onSuccess: (bundle) =>
      saveJson(bundle, `patient-${patientId}-fhir-${bundle.timestamp.slice(0, 10)}.json`),
  });
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        {download.isPending ? 'Preparing FHIR export…' : 'Download FHIR (JSON)'}
      </button>
      {download.isError && <ErrorNotice error={download.error} title="FHIR export failed" />}
    </>
  );
}

function ScreeningHistory({ patientId }: { patientId: string }) {
  const api = useApi();
  const { clinicId, timeZone } = useClinic();
  const now = useNow();
  const history = useInfiniteQuery({
    queryKey: queryKeys.patientScreenings(clinicId, patientId),
    queryFn: ({ pageParam, signal }) =>
      api.call('listScreenings', {
        params: { clinicId, patientId },
        query: { limit: 20, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">Screening history</h2>
      {history.isPending && <Loading label="Loading screenings…" />}
      {history.isError && (
        <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />
      )}
      {history.isSuccess && items.length === 0 && <p>No screenings yet.</p>}
      {items.length > 0 && <MeasuresChart items={items} timeZone={timeZone} />}
      {items.length > 0 && (
        <div className="table-wrap">
          <ScreeningTable
            items={items}
            timeZone={timeZone}
            now={now}
            caption="Screening history, newest first"
            showPatient={false}
            resultPath={(item) => paths.result(clinicId, patientId, item.screeningId)}
          />
        </div>
      )}
      <LoadMore list={history} />
    </section>
  );
}

const DEFAULT_BUNDLE = { id: 'standard', label: 'PHQ-9 and GAD-7', instruments: ['PHQ9', 'GAD7'] };

/** The clinic's screening sets (its current rule set), or the product defaults until loaded. */
function useScreeningBundles(clinicId: string): ScreeningBundle[] {
  const api = useApi();
  const rules = useQuery({
    queryKey: ['screening-bundles', clinicId],
    queryFn: ({ signal }) =>
      api.call('getTriageRules', { params: { clinicId }, query: { limit: 1 }, signal }),
    staleTime: 60_000,
  });
  return rules.data?.current.screeningBundles ?? DEFAULT_SCREENING_BUNDLES;
}

/** Which questionnaires the tablet will ask (the clinic's screening sets). */
function BundlePicker({
  bundles,
  value,
  onChange,
}: {
  bundles: readonly ScreeningBundle[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor="screening-bundle">Questionnaires</label>
      <select id="screening-bundle" value={value} onChange={(e) => onChange(e.target.value)}>
        {bundles.map((b) => (
          <option key={b.id} value={b.id}>
            {b.label}
          </option>
        ))}
      </select>
    </div>
  );
}
