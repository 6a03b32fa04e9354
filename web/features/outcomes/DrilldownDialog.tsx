import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { csvFilename, downloadCsv, toCsv } from '@lib/csv';
import { paths } from '@lib/paths';
import { patients } from './format';
import type { Drill } from './model';

/**
 * The patients behind one number. A name links to the patient page only where the viewer works
 * in that clinic's staff area; admins get the list (the server would refuse them the chart).
 */
export function DrilldownDialog({
  drill,
  clinicNames,
  canOpen,
  onClose,
}: {
  drill: Drill;
  clinicNames: ReadonlyMap<string, string>;
  canOpen: (clinicId: string) => boolean;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
  }, []);
  const several = clinicNames.size > 1;
  const sorted = [...drill.entries].sort(
    (a, b) => a.label.localeCompare(b.label) || a.clinicId.localeCompare(b.clinicId),
  );
  const clinicOf = (clinicId: string) => clinicNames.get(clinicId) ?? clinicId;
  const download = () =>
    downloadCsv(
      csvFilename('patients', drill.title),
      toCsv(
        ['Patient', 'Clinic', 'Patient ID'],
        sorted.map((e) => [e.label, clinicOf(e.clinicId), e.patientId]),
      ),
    );
  return (
    <dialog ref={ref} className="outcomes-drill" aria-labelledby="drill-title" onClose={onClose}>
      <h2 id="drill-title">{drill.title}</h2>
      <p>{patients(sorted.length)}</p>
      {sorted.length === 0 ? (
        <p>No patients behind this number.</p>
      ) : (
        <ul className="drill-list" aria-label="Patients">
          {sorted.map((e) => (
            <li key={`${e.clinicId}|${e.patientId}`}>
              {canOpen(e.clinicId) ? (
                <Link to={paths.patient(e.clinicId, e.patientId)}>{e.label}</Link>
              ) : (
                <span>{e.label}</span>
              )}
              {several && <span className="muted"> · {clinicOf(e.clinicId)}</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="outcomes-actions">
        {sorted.length > 0 && (
          <button type="button" className="button" onClick={download}>
            Download CSV
          </button>
        )}
        <button
          type="button"
          className="button button-primary"
          onClick={() => ref.current?.close()}
        >
          Close
        </button>
      </div>
    </dialog>
  );
}
