import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api';

/**
 * Query keys of the registry views. Everything about one patient's episodes sits under
 * `episodesOf`, so one invalidation refreshes the episode page, the patient card and the lists.
 */
export const registryKeys = {
  caseloadAll: ['me', 'caseload'] as const,
  caseload: (filters: Record<string, string | number | undefined>) =>
    ['me', 'caseload', filters] as const,
  panelAll: ['me', 'panel'] as const,
  inboxAll: ['me', 'inbox'] as const,
  settings: (clinicId: string) => ['clinic', clinicId, 'registry-settings'] as const,
  diagnoses: (clinicId: string) => ['clinic', clinicId, 'diagnoses'] as const,
  directory: (clinicId: string) => ['clinic', clinicId, 'directory'] as const,
  episodesOf: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'episodes'] as const,
  episode: (clinicId: string, patientId: string, episodeId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'episodes', episodeId] as const,
  activities: (clinicId: string, patientId: string, episodeId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'episodes', episodeId, 'activities'] as const,
};

export function useEpisode(clinicId: string, patientId: string, episodeId: string) {
  const api = useApi();
  return useQuery({
    queryKey: registryKeys.episode(clinicId, patientId, episodeId),
    queryFn: ({ signal }) =>
      api.call('getEpisode', { params: { clinicId, patientId, episodeId }, signal }),
  });
}

export function useClinicDirectory(clinicId: string) {
  const api = useApi();
  return useQuery({
    queryKey: registryKeys.directory(clinicId),
    queryFn: ({ signal }) => api.call('getClinicDirectory', { params: { clinicId }, signal }),
    staleTime: 5 * 60_000,
  });
}

/** A fresh key for one logical request (one dialog): a retry or double click reuses it. */
export const newIdempotencyKey = (): string =>
  (typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('')
  ).replace(/[^A-Za-z0-9_-]/g, '');
