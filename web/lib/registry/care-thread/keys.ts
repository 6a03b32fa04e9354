/** Query keys of the patient's care thread (under the patient's key, so a patient refresh covers them). */
export const threadKeys = {
  recommendations: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'recommendations'] as const,
  messages: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'messages'] as const,
  notes: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'restricted-notes'] as const,
};
