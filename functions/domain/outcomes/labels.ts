import type { DrilldownEntry } from '../../contracts/outcomes';

/** Given name and family initial: enough to recognise a patient in a list, no more. */
export const patientLabel = (name: { givenName: string; familyName: string }): string => {
  const initial = name.familyName.trim().charAt(0).toUpperCase();
  return initial === '' ? name.givenName.trim() : `${name.givenName.trim()} ${initial}.`;
};

/** Each patient (and episode) once, in the order first seen. */
export const uniqueEntries = (entries: readonly DrilldownEntry[]): DrilldownEntry[] => {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.clinicId}#${entry.patientId}#${entry.episodeId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
