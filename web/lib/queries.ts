import { useQuery } from '@tanstack/react-query';
import { useApi } from './api';

export const queryKeys = {
  me: ['me'] as const,
  clinic: (clinicId: string) => ['clinic', clinicId] as const,
  clinicScreenings: (clinicId: string) => ['clinic', clinicId, 'screenings'] as const,
  patientSearch: (clinicId: string, by: string, term: string) =>
    ['clinic', clinicId, 'patient-search', by, term] as const,
  patient: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId] as const,
  patientScreenings: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'screenings'] as const,
  screening: (clinicId: string, patientId: string, screeningId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'screening', screeningId] as const,
};

/** The signed-in user and their memberships. */
export function useMe() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => api.call('getMe', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function usePatient(clinicId: string, patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.patient(clinicId, patientId),
    queryFn: ({ signal }) => api.call('getPatient', { params: { clinicId, patientId }, signal }),
    staleTime: 60_000,
  });
}
