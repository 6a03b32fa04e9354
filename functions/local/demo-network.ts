import type { Clinic } from '../contracts/clinics';
import type { Role } from '../contracts/common';
import type { LocalUser } from './identity';

/**
 * The demo network `npm start` seeds: three fictional rural clinics in two time zones sharing one
 * BCM and one psychiatrist, as DESIGN.md describes the product's users. All names are invented.
 */
export const DEMO_NETWORK_ID = 'high-plains-network';

type DemoClinic = Pick<Clinic, 'clinicId' | 'name' | 'timeZone' | 'integrationModel'>;

export const demoClinics: DemoClinic[] = [
  {
    clinicId: 'pine-ridge',
    name: 'Pine Ridge Family Clinic',
    timeZone: 'America/Denver',
    integrationModel: 'collaborative-care',
  },
  {
    clinicId: 'sage-valley',
    name: 'Sage Valley Health Center',
    timeZone: 'America/Denver',
    integrationModel: 'collaborative-care',
  },
  {
    clinicId: 'prairie-creek',
    name: 'Prairie Creek Medical',
    timeZone: 'America/Chicago',
    integrationModel: 'integrated-brief-therapy',
  },
];

export interface DemoUser extends LocalUser {
  memberships: { clinicId: string; role: Role; room?: string }[];
  npi?: string;
}

const clinicName = (clinicId: string) =>
  demoClinics.find((clinic) => clinic.clinicId === clinicId)?.name ?? clinicId;

const ROLE_TITLE: Record<Role, string> = {
  pcp: 'PCP',
  ma: 'Medical assistant',
  bcm: 'Behavioral care manager',
  psychiatrist: 'Consulting psychiatrist',
  admin: 'Network admin',
  tablet: 'Exam-room tablet',
};

const user = (
  n: number,
  username: string,
  displayName: string,
  memberships: DemoUser['memberships'],
  npi?: string,
): DemoUser => {
  const roles = [...new Set(memberships.map((m) => m.role))];
  const clinics = [...new Set(memberships.map((m) => m.clinicId))];
  const where = clinics.length === 1 ? clinicName(clinics[0] ?? '') : `${clinics.length} clinics`;
  return {
    // Fixed ids so a persisted local database keeps matching the issuer's subjects across runs.
    userId: `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`,
    username,
    email: `${username}@demo.invalid`,
    displayName,
    title: `${roles.map((r) => ROLE_TITLE[r]).join(' + ')} · ${where}`,
    groups: roles,
    memberships,
    ...(npi ? { npi } : {}),
  };
};

const all = (role: Role) => demoClinics.map(({ clinicId }) => ({ clinicId, role }));

export const demoUsers: DemoUser[] = [
  user(1, 'dr.hale', 'Dr. Miriam Hale', [{ clinicId: 'pine-ridge', role: 'pcp' }], '1487600001'),
  user(2, 'ma.tso', 'Ruth Tso', [{ clinicId: 'pine-ridge', role: 'ma' }]),
  user(3, 'tablet.pine-ridge', 'Pine Ridge exam room 1', [
    { clinicId: 'pine-ridge', role: 'tablet', room: 'Exam 1' },
  ]),
  user(
    4,
    'dr.castillo',
    'Dr. Andrés Castillo',
    [{ clinicId: 'sage-valley', role: 'pcp' }],
    '1487600002',
  ),
  user(5, 'ma.bennett', 'Kayla Bennett', [{ clinicId: 'sage-valley', role: 'ma' }]),
  user(6, 'tablet.sage-valley', 'Sage Valley exam room 2', [
    { clinicId: 'sage-valley', role: 'tablet', room: 'Exam 2' },
  ]),
  user(
    7,
    'dr.lindqvist',
    'Dr. Erik Lindqvist',
    [{ clinicId: 'prairie-creek', role: 'pcp' }],
    '1487600003',
  ),
  user(8, 'ma.okonkwo', 'Grace Okonkwo', [{ clinicId: 'prairie-creek', role: 'ma' }]),
  user(9, 'tablet.prairie-creek', 'Prairie Creek exam room 1', [
    { clinicId: 'prairie-creek', role: 'tablet', room: 'Exam 1' },
  ]),
  user(10, 'bcm.reyes', 'Jordan Reyes, LCSW', all('bcm')),
  user(11, 'bcm.whitfield', 'Sam Whitfield, LPC', [{ clinicId: 'prairie-creek', role: 'bcm' }]),
  user(12, 'dr.okafor', 'Dr. Lena Okafor', all('psychiatrist'), '1487600004'),
  user(13, 'admin.morgan', 'Casey Morgan', all('admin')),
];
