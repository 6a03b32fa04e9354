import type { Role } from '@lib/contracts';

/** The server decides; these only choose what to offer (mirrors the policy's safety actions). */
export const canWriteSafety = (role: Role) => role === 'pcp' || role === 'bcm';
export const canReadSafety = (role: Role) =>
  role === 'pcp' || role === 'bcm' || role === 'psychiatrist';

export const safetyKeys = {
  all: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'safety'] as const,
  plan: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'safety', 'plan'] as const,
  assessments: (clinicId: string, patientId: string) =>
    ['clinic', clinicId, 'patient', patientId, 'safety', 'assessments'] as const,
};

export const LEVEL_LABEL = { low: 'Low', moderate: 'Moderate', high: 'High' } as const;

/** A textarea holds one entry per line. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** "Name, phone" per line; the phone is optional unless `phoneRequired`. */
export const contactsOf = (text: string): { name: string; phone?: string }[] =>
  linesOf(text).map((line) => {
    const at = line.lastIndexOf(',');
    if (at < 0) return { name: line };
    const phone = line.slice(at + 1).trim();
    return phone ? { name: line.slice(0, at).trim(), phone } : { name: line.slice(0, at).trim() };
  });

export const contactsText = (contacts: { name: string; phone?: string }[]): string =>
  contacts.map((c) => (c.phone ? `${c.name}, ${c.phone}` : c.name)).join('\n');
