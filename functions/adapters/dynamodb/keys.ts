/**
 * Every key the adapter writes or queries is built here, so the layout documented in
 * docs/access-patterns.md has exactly one implementation. Attribute names come from table-schema.
 */
import type { ClinicId, Role } from '../../contracts/common';
import { normalizeName, type NameQuery } from './names';
import { tableSchema } from './table-schema';

/** Typed from the schema: renaming a key attribute there breaks the build here, not the data. */
export type PrimaryKey = Record<
  typeof tableSchema.partitionKey | typeof tableSchema.sortKey,
  string
>;

/** Conditions on "this exact item", for conditional puts and transactions. */
export const itemIsNew = `attribute_not_exists(${tableSchema.partitionKey})`;
export const itemExists = `attribute_exists(${tableSchema.partitionKey})`;

/** Zero padding makes the string sort order of rule versions match their numeric order. */
const padVersion = (version: number): string => version.toString().padStart(10, '0');

/**
 * ISO strings sort as times only at one precision ("…00Z" sorts after "…00.500Z"), so time-ordered
 * sort keys use the canonical millisecond UTC form whatever precision the record carries.
 */
const sortableTime = (iso: string): string => new Date(iso).toISOString();

/** MRNs are matched case-insensitively: "ab-12" and "AB-12" are the same chart number. */
const mrnKey = (mrn: string): string => mrn.trim().toUpperCase();

const clinicPk = (clinicId: ClinicId) => `CLINIC#${clinicId}`;
const patientPk = (clinicId: ClinicId, patientId: string) =>
  `CLINIC#${clinicId}#PATIENT#${patientId}`;
const userPk = (userId: string) => `USER#${userId}`;

export const clinicKeys = {
  item: (clinicId: ClinicId): PrimaryKey => ({ pk: clinicPk(clinicId), sk: 'CLINIC' }),
  networkPartition: (networkId: string) => `NETWORK#${networkId}#CLINICS`,
  byNetwork: (networkId: string, clinicId: ClinicId) => ({
    gsi1pk: clinicKeys.networkPartition(networkId),
    gsi1sk: `CLINIC#${clinicId}`,
  }),
};

const triageSortPrefix = 'TRIAGE#';

export const triageKeys = {
  item: (clinicId: ClinicId, version: number): PrimaryKey => ({
    pk: clinicPk(clinicId),
    sk: `${triageSortPrefix}${padVersion(version)}`,
  }),
  clinicPartition: clinicPk,
  sortPrefix: triageSortPrefix,
};

export const userKeys = {
  profile: (userId: string): PrimaryKey => ({ pk: userPk(userId), sk: 'PROFILE' }),
};

export const membershipKeys = {
  item: (userId: string, clinicId: ClinicId, role: Role): PrimaryKey => ({
    pk: userPk(userId),
    sk: `MEMBER#${clinicId}#${role}`,
  }),
  userPartition: userPk,
  userSortPrefix: 'MEMBER#',
  staffPartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#STAFF`,
  byClinic: (userId: string, clinicId: ClinicId, role: Role) => ({
    gsi1pk: membershipKeys.staffPartition(clinicId),
    gsi1sk: `${role}#${userId}`,
  }),
};

export const patientKeys = {
  item: (clinicId: ClinicId, patientId: string): PrimaryKey => ({
    pk: patientPk(clinicId, patientId),
    sk: 'PATIENT',
  }),
  namePartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#PATIENTS`,
  byName: (patient: {
    clinicId: ClinicId;
    patientId: string;
    familyName: string;
    givenName: string;
  }) => ({
    gsi1pk: patientKeys.namePartition(patient.clinicId),
    gsi1sk: `NAME#${normalizeName(patient.familyName)}#${normalizeName(patient.givenName)}#${patient.patientId}`,
  }),
  /** "gar" → NAME#gar (any family starting so); "garcia, ma" → NAME#garcia#ma (family exactly garcia). */
  namePrefix: ({ family, given }: NameQuery) =>
    given === undefined ? `NAME#${family}` : `NAME#${family}#${given}`,
  /** The uniqueness guard: at most one item per clinic and MRN can exist. */
  mrn: (clinicId: ClinicId, mrn: string): PrimaryKey => ({
    pk: `CLINIC#${clinicId}#MRN#${mrnKey(mrn)}`,
    sk: 'MRN',
  }),
};

export const screeningKeys = {
  item: (clinicId: ClinicId, patientId: string, screeningId: string): PrimaryKey => ({
    pk: patientPk(clinicId, patientId),
    sk: `SCREENING#${screeningId}`,
  }),
  patientPartition: patientPk,
  patientSortPrefix: 'SCREENING#',
  clinicPartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#SCREENINGS`,
  byClinic: (clinicId: ClinicId, completedAt: string, screeningId: string) => ({
    gsi1pk: screeningKeys.clinicPartition(clinicId),
    gsi1sk: `${sortableTime(completedAt)}#${screeningId}`,
  }),
};

/** One item per (clinic, client submission id): makes a retried screening submission a no-op. */
export const submissionKeys = {
  item: (clinicId: ClinicId, submissionId: string): PrimaryKey => ({
    pk: `CLINIC#${clinicId}#SUBMISSION#${submissionId.toLowerCase()}`,
    sk: 'SUBMISSION',
  }),
};

export const auditKeys = {
  /** One partition per clinic and UTC day keeps a busy clinic's log from growing one hot partition. */
  dayPartition: (clinicId: ClinicId, day: string) => `AUDIT#CLINIC#${clinicId}#${day}`,
  item: (clinicId: ClinicId, at: string, eventId: string): PrimaryKey => ({
    pk: auditKeys.dayPartition(clinicId, sortableTime(at).slice(0, 10)),
    sk: `${sortableTime(at)}#${eventId}`,
  }),
  patientPartition: (clinicId: ClinicId, patientId: string) =>
    `AUDIT#PATIENT#${clinicId}#${patientId}`,
  byPatient: (clinicId: ClinicId, patientId: string, at: string, eventId: string) => ({
    gsi2pk: auditKeys.patientPartition(clinicId, patientId),
    gsi2sk: `${sortableTime(at)}#${eventId}`,
  }),
};

/**
 * Slots: one partition per slot (concurrent bookings of different slots never share an item), a
 * per-clinic-day list on gsi1 and a per-provider-day list across clinics on gsi3. Both lists sort
 * by UTC start, so a provider's slots in clinics in different zones interleave correctly.
 */
export const slotKeys = {
  item: (clinicId: ClinicId, slotId: string): PrimaryKey => ({
    pk: `CLINIC#${clinicId}#SLOT#${slotId}`,
    sk: 'SLOT',
  }),
  clinicDayPartition: (clinicId: ClinicId, localDate: string) =>
    `CLINIC#${clinicId}#SLOTS#${localDate}`,
  providerDayPartition: (providerId: string, localDate: string) =>
    `STAFF#${providerId}#SLOTS#${localDate}`,
  byClinicDay: (slot: {
    clinicId: ClinicId;
    localDate: string;
    startsAt: string;
    slotId: string;
  }) => ({
    gsi1pk: slotKeys.clinicDayPartition(slot.clinicId, slot.localDate),
    gsi1sk: `${sortableTime(slot.startsAt)}#${slot.slotId}`,
  }),
  byProviderDay: (slot: {
    providerId: string;
    localDate: string;
    startsAt: string;
    slotId: string;
  }) => ({
    gsi3pk: slotKeys.providerDayPartition(slot.providerId, slot.localDate),
    gsi3sk: `${sortableTime(slot.startsAt)}#${slot.slotId}`,
  }),
};

/**
 * The provider-time guard: one item per booked 5-minute UTC tick of a provider, in any clinic.
 * Booking puts them with attribute_not_exists, so a provider can never be booked twice at once.
 */
export const providerBusyKeys = {
  item: (providerId: string, tick: string): PrimaryKey => ({
    pk: `STAFF#${providerId}#BUSY#${sortableTime(tick).slice(0, 10)}`,
    sk: sortableTime(tick),
  }),
};

/** The safety record lives in the patient's partition: assessments by ULID, plans by version. */
export const safetyKeys = {
  patientPartition: patientPk,
  assessmentPrefix: 'RISK#',
  planPrefix: 'SAFETYPLAN#',
  assessment: (clinicId: ClinicId, patientId: string, assessmentId: string): PrimaryKey => ({
    pk: patientPk(clinicId, patientId),
    sk: `${safetyKeys.assessmentPrefix}${assessmentId}`,
  }),
  plan: (clinicId: ClinicId, patientId: string, version: number): PrimaryKey => ({
    pk: patientPk(clinicId, patientId),
    sk: `${safetyKeys.planPrefix}${padVersion(version)}`,
  }),
};
