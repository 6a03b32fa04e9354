const enc = encodeURIComponent;

/** URLs of the registry pages, so features link to each other without importing each other. */
export const registryPaths = {
  caseload: '/caseload',
  episode: (clinicId: string, patientId: string, episodeId: string) =>
    `/clinics/${enc(clinicId)}/staff/patients/${enc(patientId)}/episodes/${enc(episodeId)}`,
  enrol: (clinicId: string, patientId: string) =>
    `/clinics/${enc(clinicId)}/staff/patients/${enc(patientId)}/enrol`,
};
