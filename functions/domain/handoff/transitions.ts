/**
 * The handoff's state machine as pure functions: each takes the current record and returns the
 * next one (version bumped, the transition stamped) or throws a DomainError conflict that says, in
 * plain words, why it cannot happen now. Services persist the result with a version check.
 */
import type { Role } from '../../contracts/common';
import {
  MAX_HANDOFF_PARTICIPANTS,
  type Handoff,
  type HandoffFallback,
  type HandoffOutcome,
  type HandoffParticipant,
  type HandoffStatus,
  type MeetingRef,
} from '../../contracts/handoff';
import { DomainError } from '../errors';
import { elapsedMs } from './timing';

export const isOpen = (h: Pick<Handoff, 'status'>): boolean => h.status === 'requested';
export const isLive = (h: Pick<Handoff, 'status'>): boolean =>
  h.status === 'accepted' || h.status === 'connected';
export const isClosed = (h: Pick<Handoff, 'status'>): boolean => !isOpen(h) && !isLive(h);

const statusWords: Record<HandoffStatus, string> = {
  requested: 'is still waiting for a clinician',
  accepted: 'was already accepted by another clinician',
  connected: 'was already accepted by another clinician',
  ended: 'has already ended',
  cancelled: 'was cancelled',
  fallback: 'has fallen back to a scheduled visit',
};

export const notNow = (h: Pick<Handoff, 'status'>, doing: string): DomainError =>
  DomainError.conflict(`Cannot ${doing}: this request ${statusWords[h.status]}`);

const bump = (h: Handoff, changes: Partial<Handoff>): Handoff => ({
  ...h,
  ...changes,
  version: h.version + 1,
});

export const participantOf = (h: Handoff, userId: string): HandoffParticipant | undefined =>
  h.participants.find((p) => p.userId === userId);

export const attendeeIdOf = (h: Handoff, userId: string): string | undefined =>
  h.meeting?.attendees?.find((a) => a.userId === userId)?.attendeeId;

export const markPaged = (h: Handoff, at: string, pagedCount: number): Handoff =>
  bump(h, { pagedAt: at, pagedCount });

export const accept = (h: Handoff, userId: string, at: string): Handoff => {
  if (!isOpen(h)) throw notNow(h, 'accept');
  const bcm: HandoffParticipant = { userId, role: 'bcm', kind: 'bcm' };
  return bump(h, {
    status: 'accepted',
    acceptedAt: at,
    acceptedBy: userId,
    timeToAcceptMs: elapsedMs(h.requestedAt, at),
    participants: [...h.participants.filter((p) => p.userId !== userId), bcm],
  });
};

export const attachMeeting = (h: Handoff, meeting: MeetingRef): Handoff => {
  if (!isLive(h)) throw notNow(h, 'start the call');
  return bump(h, { meeting });
};

/** Nobody accepted in the window, or the video could not be started after an accept. */
export const fallBack = (h: Handoff, fallback: HandoffFallback): Handoff => {
  if (fallback.reason === 'no_answer' && !isOpen(h)) throw notNow(h, 'fall back');
  if (fallback.reason === 'video_unavailable' && h.status !== 'accepted') {
    throw notNow(h, 'fall back');
  }
  return bump(h, { status: 'fallback', fallback });
};

/** A second decline by the same clinician changes nothing (returns the same record). */
export const decline = (h: Handoff, userId: string, at: string, reason?: string): Handoff => {
  if (!isOpen(h)) throw notNow(h, 'decline');
  if (h.declines.some((d) => d.userId === userId)) return h;
  return bump(h, {
    declines: [...h.declines, { userId, at, ...(reason ? { reason } : {}) }],
  });
};

export const cancel = (h: Handoff, userId: string, at: string, reason?: string): Handoff => {
  if (h.status !== 'requested' && h.status !== 'accepted') {
    throw h.status === 'connected'
      ? DomainError.conflict('Cannot cancel: the call is already connected; end it instead')
      : notNow(h, 'cancel');
  }
  return bump(h, {
    status: 'cancelled',
    cancelled: { by: userId, at, ...(reason ? { reason } : {}) },
  });
};

/**
 * Connected means the BCM and the patient's side (the exam-room device, or the requester when no
 * device takes part) both have media.
 */
export const bothSidesJoined = (participants: readonly HandoffParticipant[]): boolean => {
  const joined = (kind: HandoffParticipant['kind']) =>
    participants.some((p) => p.kind === kind && p.joinedAt !== undefined);
  return joined('bcm') && (joined('patient-device') || joined('requester'));
};

export const markJoined = (h: Handoff, userId: string, at: string): Handoff => {
  if (!isLive(h)) throw notNow(h, 'join');
  const me = participantOf(h, userId);
  if (!me) throw DomainError.forbidden('Only the call\u2019s participants can join it');
  // A rejoin after a drop keeps the first join time and clears the drop.
  if (me.joinedAt !== undefined && me.leftAt === undefined) return h;
  const participants = h.participants.map((p) =>
    p.userId === userId
      ? { userId: p.userId, role: p.role, kind: p.kind, joinedAt: p.joinedAt ?? at }
      : p,
  );
  const connects = h.status === 'accepted' && bothSidesJoined(participants);
  return bump(h, {
    participants,
    ...(connects
      ? {
          status: 'connected' as const,
          connectedAt: at,
          timeToConnectMs: elapsedMs(h.requestedAt, at),
        }
      : {}),
  });
};

export const addParticipant = (
  h: Handoff,
  person: { userId: string; role: Role },
  attendeeId: string,
): Handoff => {
  if (!isLive(h)) throw notNow(h, 'add someone to the call');
  if (participantOf(h, person.userId)) return h;
  if (h.participants.length >= MAX_HANDOFF_PARTICIPANTS) {
    throw DomainError.conflict(`A handoff call holds at most ${MAX_HANDOFF_PARTICIPANTS} people`, [
      { field: 'body.userId', message: 'the call is full' },
    ]);
  }
  const meeting = h.meeting && {
    ...h.meeting,
    attendees: [...(h.meeting.attendees ?? []), { userId: person.userId, attendeeId }],
  };
  return bump(h, {
    participants: [...h.participants, { ...person, kind: 'invited' }],
    ...(meeting ? { meeting } : {}),
  });
};

export const end = (h: Handoff, userId: string, at: string): Handoff => {
  if (!isLive(h)) throw notNow(h, 'end the call');
  return bump(h, { status: 'ended', endedAt: at, endedBy: userId });
};

/** The provider's meeting is gone (deleted on end, by the sweep, or reported ended by Chime). */
export const markMeetingDeleted = (h: Handoff, at: string): Handoff =>
  h.meeting && h.meeting.deletedAt === undefined
    ? bump(h, { meeting: { ...h.meeting, deletedAt: at } })
    : h;

export const recordOutcome = (h: Handoff, outcome: HandoffOutcome): Handoff => {
  if (h.status !== 'ended') {
    throw DomainError.conflict('Record the outcome after the call has ended');
  }
  if (h.outcome) throw DomainError.conflict('The outcome of this call is already recorded');
  return bump(h, { outcome });
};

/** The meeting still exists at the provider although the handoff no longer needs it. */
export const meetingNeedsDeleting = (h: Handoff): boolean =>
  isClosed(h) && h.meeting !== undefined && h.meeting.deletedAt === undefined;
