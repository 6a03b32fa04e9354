/**
 * Keys of the warm-handoff items (layout in docs/access-patterns.md, "Warm handoff"). gsi3 holds
 * what is next to do with a handoff, so one index serves three lists: the due sweep while it is
 * open, the accepting BCM's live calls while it is live, and meeting clean-up once it is closed.
 */
import type { CareActivity } from '../../contracts/activities';
import type { ClinicId } from '../../contracts/common';
import type { Handoff } from '../../contracts/handoff';
import { isLive, isOpen, meetingNeedsDeleting } from '../../domain/handoff';
import type { PrimaryKey } from './keys';

const sortableTime = (iso: string): string => new Date(iso).toISOString();

export type HandoffGroup = 'open' | 'live' | 'closed';
const groupOf = (h: Handoff): HandoffGroup => (isOpen(h) ? 'open' : isLive(h) ? 'live' : 'closed');

export const handoffKeys = {
  item: (clinicId: ClinicId, handoffId: string): PrimaryKey => ({
    pk: `CLINIC#${clinicId}#HANDOFF#${handoffId}`,
    sk: 'HANDOFF',
  }),
  clinicPartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#HANDOFFS`,
  groupPartition: (clinicId: ClinicId, group: HandoffGroup) =>
    `CLINIC#${clinicId}#HANDOFFS#${group}`,
  duePartition: 'HANDOFFS#DUE',
  meetingCleanupPartition: 'HANDOFFS#MEETING-CLEANUP',
  livePartition: (userId: string) => `STAFF#${userId}#HANDOFFS#LIVE`,
  requestedSort: (requestedAt: string, handoffId: string) =>
    `${sortableTime(requestedAt)}#${handoffId}`,
  /** Every index attribute of a handoff in its current state (absent ones are removed). */
  indexes: (h: Handoff) => {
    const byTime = handoffKeys.requestedSort(h.requestedAt, h.handoffId);
    const next = isOpen(h)
      ? { gsi3pk: handoffKeys.duePartition, gsi3sk: `${sortableTime(h.expiresAt)}#${h.handoffId}` }
      : isLive(h) && h.acceptedBy
        ? { gsi3pk: handoffKeys.livePartition(h.acceptedBy), gsi3sk: byTime }
        : meetingNeedsDeleting(h)
          ? { gsi3pk: handoffKeys.meetingCleanupPartition, gsi3sk: byTime }
          : {};
    return {
      gsi1pk: handoffKeys.clinicPartition(h.clinicId),
      gsi1sk: byTime,
      gsi2pk: handoffKeys.groupPartition(h.clinicId, groupOf(h)),
      gsi2sk: byTime,
      ...next,
    };
  },
  /** One guard per (clinic, client request id): a double tap returns the first handoff. */
  clientRequest: (clinicId: ClinicId, clientRequestId: string): PrimaryKey => ({
    pk: `CLINIC#${clinicId}#HANDOFFREQ#${clientRequestId.toLowerCase()}`,
    sk: 'HANDOFFREQ',
  }),
  /** Points a provider meeting id at its handoff. */
  meeting: (meetingId: string): PrimaryKey => ({ pk: `MEETING#${meetingId}`, sk: 'MEETING' }),
};

export const presenceKeys = {
  item: (userId: string, clinicId: ClinicId): PrimaryKey => ({
    pk: `USER#${userId}`,
    sk: `PRESENCE#${clinicId}`,
  }),
  userPartition: (userId: string) => `USER#${userId}`,
  userSortPrefix: 'PRESENCE#',
  clinicPartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#PRESENCE`,
  byClinic: (userId: string, clinicId: ClinicId) => ({
    gsi1pk: presenceKeys.clinicPartition(clinicId),
    gsi1sk: `USER#${userId}`,
  }),
};

export const connectionKeys = {
  item: (connectionId: string): PrimaryKey => ({
    pk: `CONNECTION#${connectionId}`,
    sk: 'CONNECTION',
  }),
  userPartition: (userId: string) => `USER#${userId}#CONNECTIONS`,
  byUser: (userId: string, connectedAt: string, connectionId: string) => ({
    gsi1pk: connectionKeys.userPartition(userId),
    gsi1sk: `${sortableTime(connectedAt)}#${connectionId}`,
  }),
};

/** Care activities live in the patient's partition (the chart) and on a per-clinic time list. */
export const activityKeys = {
  item: (clinicId: ClinicId, patientId: string, activityId: string): PrimaryKey => ({
    pk: `CLINIC#${clinicId}#PATIENT#${patientId}`,
    sk: `ACTIVITY#${activityId}`,
  }),
  patientPartition: (clinicId: ClinicId, patientId: string) =>
    `CLINIC#${clinicId}#PATIENT#${patientId}`,
  patientSortPrefix: 'ACTIVITY#',
  clinicPartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#ACTIVITIES`,
  byClinic: (clinicId: ClinicId, occurredAt: string, activityId: string) => ({
    gsi1pk: activityKeys.clinicPartition(clinicId),
    gsi1sk: `${sortableTime(occurredAt)}#${activityId}`,
  }),
  /** One person's activities in every clinic by start time: the overlap check. */
  performerPartition: (userId: string) => `ACTS#${userId}`,
  /** An episode's activities (the case summary, the billing month of one episode). */
  episodePartition: (clinicId: ClinicId, episodeId: string) =>
    `CLINIC#${clinicId}#EPISODE#${episodeId}#ACTS`,
  /** Every index attribute of an activity: whoever writes one (a handoff, the registry) uses this. */
  indexes: (a: CareActivity) => {
    const byTime = `${sortableTime(a.occurredAt)}#${a.activityId}`;
    return {
      ...activityKeys.byClinic(a.clinicId, a.occurredAt, a.activityId),
      gsi3pk: activityKeys.performerPartition(a.performedBy),
      gsi3sk: byTime,
      ...(a.episodeId === undefined
        ? {}
        : { gsi2pk: activityKeys.episodePartition(a.clinicId, a.episodeId), gsi2sk: byTime }),
    };
  },
};

/** Epoch seconds for the table's TTL attribute (DynamoDB only expires Number values). */
export const ttlSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
