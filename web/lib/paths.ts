/** Every URL of the app in one place, so features link to each other without importing each other. */
export type Area = 'staff' | 'admin' | 'device';

const enc = encodeURIComponent;

export const paths = {
  home: '/',
  signIn: (next?: string) => (next && next !== '/' ? `/sign-in?next=${enc(next)}` : '/sign-in'),
  area: (clinicId: string, area: Area) => `/clinics/${enc(clinicId)}/${area}`,
  clinicHome: (clinicId: string) => `/clinics/${enc(clinicId)}/staff`,
  patient: (clinicId: string, patientId: string) =>
    `/clinics/${enc(clinicId)}/staff/patients/${enc(patientId)}`,
  /** Patient mode: the questionnaire handed to the patient on the tablet. */
  screen: (clinicId: string, patientId: string, instruments: readonly string[]) =>
    `/clinics/${enc(clinicId)}/staff/patients/${enc(patientId)}/screen?instruments=${instruments.join(',')}`,
  result: (clinicId: string, patientId: string, screeningId: string) =>
    `/clinics/${enc(clinicId)}/staff/patients/${enc(patientId)}/screenings/${enc(screeningId)}`,
};
