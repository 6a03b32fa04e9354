import { createContext, useContext } from 'react';
import type { Me, Role } from './contracts';
import type { Area } from './paths';

export type Membership = Me['memberships'][number];

export const roleLabels: Record<Role, string> = {
  pcp: 'Primary care clinician',
  ma: 'Medical assistant',
  bcm: 'Behavioral care manager',
  psychiatrist: 'Psychiatric consultant',
  admin: 'Clinic admin',
  tablet: 'Exam-room tablet',
};

export const areaOfRole: Record<Role, Area> = {
  pcp: 'staff',
  ma: 'staff',
  bcm: 'staff',
  psychiatrist: 'staff',
  admin: 'admin',
  tablet: 'device',
};

/** The clinic and role the signed-in user is working in (from /me; the server still decides access). */
export interface ClinicSelection {
  me: Me;
  clinicId: string;
  clinicName: string;
  timeZone: string;
  area: Area;
  role: Role;
  room?: string;
  /** The user holds more than one clinic or role: offer a way back to the chooser. */
  canSwitch: boolean;
}

export const ClinicContext = createContext<ClinicSelection | null>(null);

export function useClinic(): ClinicSelection {
  const clinic = useContext(ClinicContext);
  if (!clinic) throw new Error('useClinic outside a clinic area');
  return clinic;
}

/** One choice per clinic × area; a user with pcp and bcm in the same clinic still has one staff area. */
export function choicesOf(me: Me): Membership[] {
  const seen = new Set<string>();
  return me.memberships.filter((m) => {
    const key = `${m.clinicId}|${areaOfRole[m.role]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
