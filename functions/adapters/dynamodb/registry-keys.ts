/**
 * Keys of the collaborative-care registry items (layout in docs/access-patterns.md, "Registry").
 * An episode is its own caseload row: while active it sits in its BCM's caseload (gsi3) and its
 * psychiatrist's panel (gsi4); discharge removes both attributes, so those indexes stay sparse.
 */
import type { ClinicId } from '../../contracts/common';
import type { Episode, Recommendation, ReviewSession } from '../../contracts/registry';
import type { PrimaryKey } from './keys';

const sortableTime = (iso: string): string => new Date(iso).toISOString();
const patientPk = (clinicId: ClinicId, patientId: string) =>
  `CLINIC#${clinicId}#PATIENT#${patientId}`;
const userPk = (userId: string) => `USER#${userId}`;

const caseloadPartition = (bcmId: string) => `CASELOAD#${bcmId}`;
const panelPartition = (psychiatristId: string) => `PANEL#${psychiatristId}`;
const rowSort = (clinicId: ClinicId, episodeId: string) => `ROW#${clinicId}#${episodeId}`;

export const episodeKeys = {
  item: (clinicId: ClinicId, patientId: string, episodeId: string): PrimaryKey => ({
    pk: patientPk(clinicId, patientId),
    sk: `EPISODE#${episodeId}`,
  }),
  patientPartition: patientPk,
  /** Also matches the active guard (`EPISODE#ACTIVE`): readers tell them apart by entity. */
  patientSortPrefix: 'EPISODE#',
  /** At most one per patient: the conditional put that makes a second active episode impossible. */
  activeGuard: (clinicId: ClinicId, patientId: string): PrimaryKey => ({
    pk: patientPk(clinicId, patientId),
    sk: 'EPISODE#ACTIVE',
  }),
  clinicPartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#EPISODES`,
  caseloadPartition,
  panelPartition,
  /** Every index attribute of the episode in its current state; the caller REMOVEs the others. */
  indexes: (e: Episode) => ({
    gsi1pk: episodeKeys.clinicPartition(e.clinicId),
    gsi1sk: `${e.referredOn}#${e.episodeId}`,
    ...(e.status === 'active'
      ? {
          gsi3pk: caseloadPartition(e.bcmId),
          gsi3sk: rowSort(e.clinicId, e.episodeId),
          gsi4pk: panelPartition(e.psychiatristId),
          gsi4sk: rowSort(e.clinicId, e.episodeId),
        }
      : {}),
  }),
};

/** The BCM's active-episode counter, at the head of the caseload index (`!` sorts before `ROW#`). */
export const caseloadCountKeys = {
  item: (bcmId: string): PrimaryKey => ({ pk: userPk(bcmId), sk: 'CASELOAD#COUNT' }),
  index: (bcmId: string) => ({ gsi3pk: caseloadPartition(bcmId), gsi3sk: '!COUNT' }),
  sortKey: '!COUNT',
};

/** One per (clinic, Idempotency-Key) of an activity log: a retry finds the first activity. */
export const idempotencyKeys = {
  item: (clinicId: ClinicId, key: string): PrimaryKey => ({
    pk: `CLINIC#${clinicId}#IDEMPOTENCY#${key}`,
    sk: 'ACTIVITY',
  }),
};

const isOpen = (r: Recommendation) => r.status === 'sent' || r.status === 'acknowledged';

export const recommendationKeys = {
  item: (clinicId: ClinicId, patientId: string, recommendationId: string): PrimaryKey => ({
    pk: patientPk(clinicId, patientId),
    sk: `REC#${recommendationId}`,
  }),
  patientPartition: patientPk,
  patientSortPrefix: 'REC#',
  inboxPartition: (pcpId: string) => `INBOX#${pcpId}`,
  openPrefix: 'OPEN#',
  allPartition: (pcpId: string) => `INBOXALL#${pcpId}`,
  indexes: (r: Recommendation) => {
    const byTime = `${sortableTime(r.at)}#${r.recommendationId}`;
    return {
      gsi3pk: recommendationKeys.inboxPartition(r.to),
      gsi3sk: `${isOpen(r) ? 'OPEN' : 'DONE'}#${byTime}`,
      gsi2pk: recommendationKeys.allPartition(r.to),
      gsi2sk: byTime,
    };
  },
};

export const messageKeys = {
  partition: (clinicId: ClinicId, patientId: string) =>
    `${patientPk(clinicId, patientId)}#MESSAGES`,
  item: (clinicId: ClinicId, patientId: string, messageId: string): PrimaryKey => ({
    pk: messageKeys.partition(clinicId, patientId),
    sk: `MSG#${messageId}`,
  }),
  sortPrefix: 'MSG#',
};

/** A partition of its own: no query of the patient's chart partition can ever return a note. */
export const restrictedNoteKeys = {
  partition: (clinicId: ClinicId, patientId: string) =>
    `${patientPk(clinicId, patientId)}#RESTRICTED`,
  item: (clinicId: ClinicId, patientId: string, noteId: string): PrimaryKey => ({
    pk: restrictedNoteKeys.partition(clinicId, patientId),
    sk: `NOTE#${noteId}`,
  }),
  sortPrefix: 'NOTE#',
};

export const reviewSessionKeys = {
  item: (reviewSessionId: string): PrimaryKey => ({
    pk: `REVIEWSESSION#${reviewSessionId}`,
    sk: 'SESSION',
  }),
  userPartition: userPk,
  userSortPrefix: 'REVIEWSESSION#',
  /** A full copy in the partition of each person who runs or attends it. */
  pointer: (userId: string, s: Pick<ReviewSession, 'scheduledFor' | 'reviewSessionId'>) => ({
    pk: userPk(userId),
    sk: `REVIEWSESSION#${sortableTime(s.scheduledFor)}#${s.reviewSessionId}`,
  }),
  members: (s: Pick<ReviewSession, 'psychiatristId' | 'attendees'>): string[] => [
    ...new Set([s.psychiatristId, ...s.attendees]),
  ],
  /** Finds a session from its meeting id (the socket's signal relay has only that). */
  meetingLink: (meetingId: string): PrimaryKey => ({
    pk: `REVIEWMEETING#${meetingId}`,
    sk: 'REVIEWMEETING',
  }),
};
