/**
 * Messages over the paging socket (API Gateway WebSocket API in AWS, the local gateway's socket
 * locally). Clients send JSON with an `action` (the WebSocket API's route selection key); the
 * server pushes JSON with a `type`. Both sides parse with these schemas.
 */
import * as z from 'zod';
import { ClinicId, IsoDateTime, Ulid, UserId } from './common';
import { Handoff, HandoffStatus } from './handoff';

/** WebRTC signalling for the local video provider, relayed between a meeting's attendees. */
export const SignalData = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello') }),
  z.object({ kind: z.literal('bye') }),
  z.object({ kind: z.literal('offer'), sdp: z.string().max(100_000) }),
  z.object({ kind: z.literal('answer'), sdp: z.string().max(100_000) }),
  z.object({
    kind: z.literal('candidate'),
    candidate: z.object({
      candidate: z.string().max(2000),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().nullable().optional(),
    }),
  }),
]);
export type SignalData = z.infer<typeof SignalData>;

export const ClientMessage = z.discriminatedUnion('action', [
  /** Keeps the BCM's on-duty presence fresh and the connection record alive. */
  z.object({ action: z.literal('heartbeat') }),
  z.object({
    action: z.literal('signal'),
    meetingId: z.string().min(1).max(128),
    /** Absent: to every other attendee of the meeting (hello / bye). */
    toAttendeeId: z.string().min(1).max(128).optional(),
    fromAttendeeId: z.string().min(1).max(128),
    data: SignalData,
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  /** A new request for a BCM on duty for the clinic. */
  z.object({ type: z.literal('handoff.paged'), handoff: Handoff }),
  /** Any later transition (taken, cancelled, fallen back, connected, ended). */
  z.object({
    type: z.literal('handoff.updated'),
    clinicId: ClinicId,
    handoffId: Ulid,
    status: HandoffStatus,
    version: z.number().int(),
    acceptedBy: UserId.optional(),
  }),
  /** PHQ-9 item 9 or a positive C-SSRS: the clinic's PCPs are alerted at once (in-app, sound). */
  z.object({
    type: z.literal('safety.alert'),
    clinicId: ClinicId,
    patientId: Ulid,
    screeningId: Ulid,
    patientLabel: z.string(),
    message: z.string(),
    at: IsoDateTime,
  }),
  z.object({
    type: z.literal('call.signal'),
    meetingId: z.string(),
    fromAttendeeId: z.string(),
    data: SignalData,
  }),
  z.object({ type: z.literal('pong'), at: IsoDateTime }),
  /** The psychiatrist sent the PCP a recommendation: ids only, the inbox fetches the rest. */
  z.object({
    type: z.literal('inbox.updated'),
    clinicId: ClinicId,
    patientId: Ulid,
    recommendationId: Ulid,
  }),
  /** A secure message was posted to a patient's thread: ids only (bodies never leave the API). */
  z.object({
    type: z.literal('message.posted'),
    clinicId: ClinicId,
    patientId: Ulid,
    messageId: Ulid,
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
