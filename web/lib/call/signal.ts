/**
 * Pure rules of the local provider's signalling (no DOM, so node tests cover them): which server
 * messages are ours, who yields when both sides offer at once, and whether an offer comes from a
 * peer connection we have not met before (the other side rejoined).
 */
import type { ServerMessage, SignalData } from '../contracts';

export interface IncomingSignal {
  from: string;
  data: SignalData;
}

/** Our meeting's signals from someone else; anything else on the socket is not for the call. */
export const incomingSignal = (
  message: ServerMessage,
  meetingId: string,
  self: string,
): IncomingSignal | undefined =>
  message.type === 'call.signal' &&
  message.meetingId === meetingId &&
  message.fromAttendeeId !== self
    ? { from: message.fromAttendeeId, data: message.data }
    : undefined;

/**
 * Glare rule: when both sides offer at the same moment, the smaller attendee id's offer wins and
 * the larger one rolls its own back ("polite" side of perfect negotiation). The smaller one also
 * drives ICE restarts, so exactly one side does.
 */
export const isPolite = (self: string, remote: string): boolean => self > remote;
export const drivesRestart = (self: string, remote: string): boolean => self < remote;

/**
 * The SDP origin's session id (RFC 8866 o= line) is fixed for a peer connection's life: a
 * different one means the remote side started over with a new connection.
 */
export const sdpSessionId = (sdp: string): string | undefined => /^o=\S+ (\S+) /m.exec(sdp)?.[1];

/** What the periodic stats look at to decide the link is too weak for video. */
export interface LinkSample {
  /** outbound-rtp (video) qualityLimitationReason. */
  limitation?: string;
  /** remote-inbound-rtp fractionLost, 0..1. */
  fractionLost?: number;
}

export const WEAK_LINK_SAMPLES = 3;
const LOSS_LIMIT = 0.1;

export const isWeakSample = (s: LinkSample): boolean =>
  s.limitation === 'bandwidth' || (s.fractionLost ?? 0) > LOSS_LIMIT;

/**
 * Counts consecutive weak samples and says "suggest" once per weak spell: a single bad second
 * should not nag the patient, and a spell that lasts should not repeat the offer every tick.
 */
export const weakLinkTracker = (needed = WEAK_LINK_SAMPLES) => {
  let streak = 0;
  return (sample: LinkSample): boolean => {
    streak = isWeakSample(sample) ? streak + 1 : 0;
    return streak === needed;
  };
};
